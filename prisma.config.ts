import { defineConfig } from "prisma/config";

// The CLI only generates the client here (see README: migrations run through scripts/migrate.ts).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
