import type { ZodError } from "zod";

/** Every error a client may see, with its HTTP status. One map, so routes never guess. */
export const ERROR_STATUS = {
  bad_request: 400,
  invalid_payload: 400,
  validation_failed: 422,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  service_unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}

/** Turns a zod failure into a message that names the first field at fault, plus all issues as details. */
export function fromZodError(error: ZodError, code: ErrorCode = "invalid_payload", what = "body"): AppError {
  const issues = error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  const first = issues[0];
  const where = first?.path ? `${what}.${first.path}` : what;
  return new AppError(code, first ? `${where}: ${first.message}` : `${what} is invalid`, issues);
}

/** Prisma unique-constraint violation, detected by code (never by message text). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
