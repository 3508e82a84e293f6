import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { AppError } from "@/lib/errors";
import type { RawDelivery } from "@/lib/carriers/types";

const FIXTURES = fileURLToPath(new URL("../../fixtures/carriers/", import.meta.url));

/** Exact file text: the signed bytes for the EasyPost vector, so never re-serialize it. */
export function fixtureText(name: string): string {
  return readFileSync(FIXTURES + name, "utf8");
}

export function fixtureJson(name: string): unknown {
  return JSON.parse(fixtureText(name)) as unknown;
}

export function delivery(body: string, headers: Record<string, string> = {}, query = ""): RawDelivery {
  return { body, headers: new Headers(headers), query: new URLSearchParams(query) };
}

/** Independent of lib/carriers/verify.ts on purpose: the tests must not check the code with itself. */
export function hmac(secret: string, data: string, encoding: "hex" | "base64"): string {
  return createHmac("sha256", secret).update(data, "utf8").digest(encoding);
}

/** Asserts `run` throws AppError("invalid_payload") whose message starts with the given field path. */
export function expectInvalidPayload(run: () => unknown, fieldPath: string): AppError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AppError);
  const error = caught as AppError;
  expect(error.code).toBe("invalid_payload");
  expect(error.status).toBe(400);
  expect(error.message.slice(0, fieldPath.length + 2), error.message).toBe(`${fieldPath}: `);
  return error;
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}
