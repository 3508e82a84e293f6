import { fill, type Messages } from "@/lib/i18n/messages";
import type { Progress, ProgressStep } from "@/lib/tracking/progress";

// Literal class names (Tailwind only generates what it can read): the fill reaches the current step's dot.
const FILL = ["w-[10%]", "w-[30%]", "w-[50%]", "w-[70%]", "w-full"];

function stepLabel(step: ProgressStep, m: Messages): string {
  return m.progress[step.key];
}

/**
 * ordered → shipped → in transit → out for delivery → delivered, with a side state (attempt, problem,
 * pickup, return, cancellation) drawn in place of the step it happened at. A focusable progressbar
 * announces "Step 3 of 5: In transit"; the list below names every step and its state for screen readers.
 */
export function ProgressBar({ progress, m, labelledBy }: { progress: Progress; m: Messages; labelledBy?: string }) {
  const total = progress.steps.length;
  const currentStep = progress.steps[progress.current]!;
  const valueText = fill(m.progress.valueText, { step: progress.current + 1, total, label: stepLabel(currentStep, m) });
  const warn = progress.side === "exception" || progress.side === "returned" || progress.side === "cancelled";
  const caution = progress.side === "attempted" || progress.side === "pickup";
  const fillColour = warn ? "bg-red-700" : caution ? "bg-amber-700" : "bg-[var(--brand-ink)]";

  return (
    <div className="mt-4">
      <div
        role="progressbar"
        tabIndex={0}
        aria-label={m.progress.label}
        aria-describedby={labelledBy}
        aria-valuemin={1}
        aria-valuemax={total}
        aria-valuenow={progress.current + 1}
        aria-valuetext={valueText}
        className="h-2 overflow-hidden rounded-full bg-slate-200 focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-slate-900"
      >
        <div className={`h-full rounded-full ${fillColour} ${FILL[progress.current]}`} />
      </div>
      <ol className="mt-2 grid grid-cols-5 gap-1 text-center text-xs leading-tight">
        {progress.steps.map((step, index) => (
          <li key={index} aria-current={step.state === "current" ? "step" : undefined} className="flex flex-col items-center gap-1">
            <span
              aria-hidden="true"
              className={`block size-3 rounded-full border-2 ${
                step.side
                  ? warn
                    ? "border-red-700 bg-red-700"
                    : "border-amber-700 bg-amber-700"
                  : step.state === "upcoming"
                    ? "border-slate-500 bg-white"
                    : "border-[var(--brand-ink)] bg-[var(--brand-ink)]"
              }`}
            />
            <span
              className={
                step.side
                  ? `font-semibold ${warn ? "text-red-800" : "text-amber-800"}`
                  : step.state === "current"
                    ? "font-semibold text-slate-900"
                    : step.state === "done"
                      ? "text-slate-700"
                      : "text-slate-600"
              }
            >
              {stepLabel(step, m)}
            </span>
            <span className="sr-only">
              {step.state === "done" ? m.progress.done : step.state === "current" ? m.progress.current : m.progress.upcoming}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
