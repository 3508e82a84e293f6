import { fill, type Messages } from "@/lib/i18n/messages";
import type { WindowLine } from "@/lib/tracking/window";

/**
 * The one line under a status that answers "when": the window, the delivery, or honestly "not yet".
 * `reason` is the estimate's own "why" line in the page's language (lib/tracking/reason-line.ts).
 */
export function StatusLine({ line, late, m, reason }: { line: WindowLine; late: boolean; m: Messages; reason?: string | null }) {
  const text = (() => {
    switch (line.kind) {
      case "delivered":
        return line.place
          ? fill(m.window.deliveredIn, { date: line.date, time: line.time, place: line.place })
          : fill(m.window.delivered, { date: line.date, time: line.time });
      case "range":
        return fill(m.window.range, { start: line.start, end: line.end });
      case "single":
        return fill(m.window.single, { date: line.date });
      case "none":
        return m.window.none;
      case "closed":
        return null;
    }
  })();
  if (!text && !late) return null;
  const windowed = line.kind === "range" || line.kind === "single";
  return (
    <>
      <p className="mt-1 flex flex-wrap items-center gap-2 text-base text-slate-800" data-testid="window">
        {late ? <span className="rounded bg-amber-100 px-2 py-0.5 text-sm font-semibold text-amber-900">{m.window.late}</span> : null}
        {text ? <span className={line.kind === "none" ? "text-sm text-slate-700" : "font-medium"}>{text}</span> : null}
      </p>
      {reason && windowed ? <p className="mt-1 text-sm text-slate-700">{reason}</p> : null}
    </>
  );
}
