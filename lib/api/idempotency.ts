import { createHash } from "node:crypto";
import { db } from "../db";
import { AppError, isUniqueViolation } from "../errors";
import type { Prisma } from "../generated/prisma/client";

export interface StoredAnswer {
  status: number;
  body: unknown;
  replayed: boolean;
}

/** How long a key is remembered; a key older than this starts afresh. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

/** Same JSON written with other spacing or key order is the same request. */
function canonical(text: string): string {
  try {
    return JSON.stringify(sortKeys(JSON.parse(text)));
  } catch {
    return text;
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

/**
 * Runs a create once per (merchant, Idempotency-Key). A retry with the same request gets the first answer
 * (success or client error) again; the same key with a different request is 409; a retry while the first
 * is still running is 409 too. Server errors are forgotten, so the client's retry runs the request again.
 */
export async function withIdempotency(
  merchantId: string,
  key: string | null,
  request: { method: string; path: string; body: string },
  now: Date,
  run: () => Promise<{ status: number; body: unknown }>,
): Promise<StoredAnswer> {
  if (key === null) return { ...(await run()), replayed: false };
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new AppError("bad_request", "Idempotency-Key must be 1–255 visible ASCII characters.");
  }
  const requestHash = createHash("sha256").update(`${request.method}\n${request.path}\n${canonical(request.body)}`).digest("hex");

  let recordId: string | null = null;
  for (let attempt = 0; attempt < 2 && recordId === null; attempt++) {
    try {
      recordId = (await db.idempotencyRecord.create({ data: { merchantId, key, requestHash, createdAt: now }, select: { id: true } })).id;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const existing = await db.idempotencyRecord.findUnique({
        where: { merchantId_key: { merchantId, key } },
        select: { id: true, requestHash: true, status: true, response: true, createdAt: true },
      });
      if (!existing) continue;
      if (now.getTime() - existing.createdAt.getTime() > IDEMPOTENCY_TTL_MS) {
        await db.idempotencyRecord.deleteMany({ where: { id: existing.id, createdAt: existing.createdAt } });
        continue;
      }
      if (existing.requestHash !== requestHash) {
        throw new AppError("conflict", "This Idempotency-Key was already used with a different request.");
      }
      if (existing.status === null) throw new AppError("conflict", "A request with this Idempotency-Key is still being processed.");
      return { status: existing.status, body: existing.response, replayed: true };
    }
  }
  if (recordId === null) throw new AppError("conflict", "A request with this Idempotency-Key is still being processed.");

  let answer: { status: number; body: unknown };
  try {
    answer = await run();
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500) {
      await db.idempotencyRecord.delete({ where: { id: recordId } }).catch(() => undefined);
      throw error;
    }
    answer = { status: error.status, body: error.toJSON() };
  }
  if (answer.status >= 500) {
    await db.idempotencyRecord.delete({ where: { id: recordId } }).catch(() => undefined);
  } else {
    await db.idempotencyRecord.update({
      where: { id: recordId },
      data: { status: answer.status, response: answer.body as Prisma.InputJsonValue, completedAt: new Date() },
    });
  }
  return { ...answer, replayed: false };
}

/** The answer to send, marking replays so clients can tell. */
export function replayableAnswer(answer: StoredAnswer): { status: number; body: unknown; headers: Record<string, string> } {
  return { status: answer.status, body: answer.body, headers: answer.replayed ? { "Idempotent-Replayed": "true" } : {} };
}
