export declare function closingLine(
  totals: { passed: number; failed: number; skipped: number },
  failedSteps: Array<{ name: string; failedCases: number }>,
): string;
