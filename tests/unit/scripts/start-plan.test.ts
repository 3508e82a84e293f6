import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { startPlan } from "@/scripts/start-plan";

const plan = (vars: Record<string, string>, argv: string[] = []) => startPlan(parseEnv(vars), argv);
const DB = { DATABASE_URL: "postgresql://app@db.example:5432/parcelpage" };
const SECRET = { APP_SECRET: "s".repeat(32) };

describe("npm start's plan", () => {
  it("keeps the embedded demo on loopback unless HOST opens it", () => {
    expect(plan({})).toMatchObject({ embedded: true, host: "127.0.0.1", urlHost: "localhost" });
    expect(plan({ HOST: "0.0.0.0" })).toMatchObject({ host: "0.0.0.0", urlHost: "localhost" });
    expect(plan({ HOST: "192.168.1.20" })).toMatchObject({ host: "192.168.1.20", urlHost: "192.168.1.20" });
    expect(plan({ ...DB, ...SECRET })).toMatchObject({ embedded: false, host: "0.0.0.0" });
  });

  it("requires APP_SECRET with DATABASE_URL in every NODE_ENV, never generating one per machine", () => {
    for (const NODE_ENV of ["development", "test", "production"]) {
      expect(plan({ ...DB, NODE_ENV }).problem, NODE_ENV).toMatch(/APP_SECRET is required with DATABASE_URL/);
    }
    expect(plan({ ...DB, ...SECRET }).problem).toBeNull();
    expect(plan({}).problem).toBeNull(); // the embedded demo generates .data/app-secret
  });

  it("seeds demo data only into the embedded database, or when asked with --seed-demo", () => {
    expect(plan({}).seed).toBe(true);
    expect(plan({ ...DB, ...SECRET }).seed).toBe(false);
    expect(plan({ ...DB, ...SECRET }, ["--seed-demo"]).seed).toBe(true);
  });

  it("serves /dev/outbox only in the embedded demo without real SMTP or Twilio", () => {
    expect(plan({}).devOutbox).toBe(true);
    expect(plan({ SMTP_URL: "smtp://mail.example:25" }).devOutbox).toBe(false);
    expect(plan({ TWILIO_ACCOUNT_SID: "AC123" }).devOutbox).toBe(false);
    expect(plan({ ...DB, ...SECRET }).devOutbox).toBe(false);
  });
});
