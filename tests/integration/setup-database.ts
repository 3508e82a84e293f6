// Runs before each integration test file: point the app's one database client at the test database.
import { afterAll, inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.APP_SECRET ??= "integration-tests-app-secret-0123456789abcdef";
process.env.APP_URL ??= "http://parcelpage.test";

afterAll(async () => {
  const { disconnectDb } = await import("../../lib/db");
  await disconnectDb();
});
