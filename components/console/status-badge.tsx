const TONE: Record<string, string> = {
  DELIVERED: "bg-emerald-100 text-emerald-900",
  OUT_FOR_DELIVERY: "bg-sky-100 text-sky-900",
  IN_TRANSIT: "bg-blue-100 text-blue-900",
  EXCEPTION: "bg-red-100 text-red-900",
  RETURNED_TO_SENDER: "bg-red-100 text-red-900",
  DELIVERY_ATTEMPTED: "bg-amber-100 text-amber-900",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${TONE[status] ?? "bg-slate-100 text-slate-800"}`}>
      {status.replaceAll("_", " ").toLowerCase()}
    </span>
  );
}
