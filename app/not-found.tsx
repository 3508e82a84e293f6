export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-6 py-16 text-center">
      <h1 className="text-2xl font-semibold">We couldn&apos;t find that page</h1>
      <p className="mt-3 text-slate-700">
        If you followed a tracking link, check that it was copied in full, or look up your order from the store&apos;s
        order-lookup page.
      </p>
    </main>
  );
}
