import { AppError } from "../errors";
import { logger } from "../logger";

export function jsonResponse(status: number, body: unknown, headers?: HeadersInit): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/** The one way a route turns an error into an answer: AppErrors as they are, anything else a bare 500, never a stack. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) return jsonResponse(error.status, error.toJSON());
  logger.error({ err: error instanceof Error ? error.stack : String(error) }, "unhandled error in route");
  return jsonResponse(500, new AppError("internal", "Something went wrong on our side.").toJSON());
}
