import { AppError } from "../errors";

/**
 * Reads a request body as text, refusing past `limit` bytes without buffering more than that
 * (Content-Length can lie or be absent with chunked encoding).
 */
export async function readBodyLimited(request: Request, limit: number): Promise<string> {
  return Buffer.from(await readBytesLimited(request, limit)).toString("utf8");
}

/** The same, as bytes (for bodies that are checked before they are decoded). */
export async function readBytesLimited(request: Request, limit: number): Promise<Uint8Array> {
  if (declaredTooLarge(request.headers.get("content-length"), limit)) throw tooLarge(limit);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** A Content-Length over the limit is refused before a byte of the body is read. */
export function declaredTooLarge(contentLength: string | null | undefined, limit: number): boolean {
  const declared = Number(contentLength ?? "NaN");
  return Number.isFinite(declared) && declared > limit;
}

export function tooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `Body is larger than ${Math.round(limit / 1024)} KB.`);
}
