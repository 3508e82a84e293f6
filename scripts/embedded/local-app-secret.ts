import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const LOCAL_APP_SECRET_FILE = path.resolve(".data/app-secret");

/**
 * The embedded demo's APP_SECRET, kept beside its data so sealed secrets survive restarts, and shared by
 * everything that runs against that data: `npm start`, the worker and every CLI command. Only for the
 * embedded database: with DATABASE_URL the secret must come from the environment (instances must agree).
 */
export function adoptLocalAppSecret(file = LOCAL_APP_SECRET_FILE): void {
  if (process.env.APP_SECRET) return;
  mkdirSync(path.dirname(file), { recursive: true });
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
  process.env.APP_SECRET = readFileSync(file, "utf8").trim();
}
