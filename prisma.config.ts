import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";

// Prisma's native schema-engine binary cannot be downloaded on our machines: the
// CLI runs this stand-in instead (Prisma's schema engine compiled to WebAssembly,
// see prisma/engine/). Set before the CLI looks for an engine, which is after it
// has loaded this file. An explicit PRISMA_SCHEMA_ENGINE_BINARY still wins.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(
  new URL("./prisma/engine/schema-engine.mjs", import.meta.url),
);

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
  },
  datasource: {
    // Not prisma's env(): it throws when the variable is unset, which would
    // break `prisma generate` in postinstall.
    url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/tijarat",
  },
});
