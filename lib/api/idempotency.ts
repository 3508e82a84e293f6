import { createHash, randomUUID } from "node:crypto";
import { db, type Tx } from "../db";
import { AppError } from "../errors";
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

type Answer = { status: number; body: unknown };

/**
 * Runs a create once per (merchant, Idempotency-Key). A retry with the same request gets the first answer
 * (success or client error) again; the same key with a different request is 409.
 *
 * The key is reserved, the work done and its answer stored in ONE transaction, so there is never an
 * "in progress" record that a crash or a database error could leave behind: a failure rolls all of it
 * back and the client's retry simply runs again. A concurrent retry with the same key waits on the
 * reserved row's unique index until the first commits, then gets its answer. A client error (4xx) rolls
 * the work back to a savepoint and is remembered; a server error (5xx) is not.
 */
export async function withIdempotency(
  merchantId: string,
  key: string | null,
  request: { method: string; path: string; body: string },
  now: Date,
  run: (tx: Tx) => Promise<Answer>,
): Promise<StoredAnswer> {
  if (key === null) return { ...(await db.$transaction(run, TRANSACTION)), replayed: false };
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new AppError("bad_request", "Idempotency-Key must be 1–255 visible ASCII characters.");
  }
  const requestHash = createHash("sha256").update(`${request.method}\n${request.path}\n${canonical(request.body)}`).digest("hex");

  return db.$transaction(async (tx) => {
    // Expired keys start afresh. A committed record without an answer can only be left over from before
    // answers were stored in the work's own transaction: it is abandoned, not in progress.
    await tx.idempotencyRecord.deleteMany({
      where: { merchantId, key, OR: [{ createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_TTL_MS) } }, { status: null }] },
    });
    const reserved = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "IdempotencyRecord" ("id", "merchantId", "key", "requestHash", "createdAt")
      VALUES (${randomUUID()}, ${merchantId}, ${key}, ${requestHash}, ${now})
      ON CONFLICT ("merchantId", "key") DO NOTHING
      RETURNING "id"`;
    const recordId = reserved[0]?.id;
    if (!recordId) return replay(tx, merchantId, key, requestHash);

    await tx.$executeRaw`SAVEPOINT idempotent_work`;
    let answer: Answer;
    try {
      answer = await run(tx);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      await tx.$executeRaw`ROLLBACK TO SAVEPOINT idempotent_work`;
      answer = { status: error.status, body: error.toJSON() };
    }
    if (answer.status >= 500) throw new AppError("internal", "The request failed; retry it with the same Idempotency-Key.");
    await tx.idempotencyRecord.update({
      where: { id: recordId },
      data: { status: answer.status, response: answer.body as Prisma.InputJsonValue, completedAt: now },
    });
    return { ...answer, replayed: false };
  }, TRANSACTION);
}

const TRANSACTION = { maxWait: 10_000, timeout: 30_000 };

async function replay(tx: Tx, merchantId: string, key: string, requestHash: string): Promise<StoredAnswer> {
  const existing = await tx.idempotencyRecord.findUnique({
    where: { merchantId_key: { merchantId, key } },
    select: { requestHash: true, status: true, response: true },
  });
  if (existing && existing.requestHash !== requestHash) {
    throw new AppError("conflict", "This Idempotency-Key was already used with a different request.");
  }
  // Only committed answers are visible here; a missing one means the first attempt is still running.
  if (!existing || existing.status === null) throw new AppError("conflict", "A request with this Idempotency-Key is still being processed.");
  return { status: existing.status, body: existing.response, replayed: true };
}

/** The answer to send, marking replays so clients can tell. */
export function replayableAnswer(answer: StoredAnswer): { status: number; body: unknown; headers: Record<string, string> } {
  return { status: answer.status, body: answer.body, headers: answer.replayed ? { "Idempotent-Replayed": "true" } : {} };
}
