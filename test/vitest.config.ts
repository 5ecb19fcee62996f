import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // DuckDB work and browser runs take seconds, not milliseconds
    testTimeout: 120_000,
    hookTimeout: 600_000,
    // each file opens its own DuckDB instances; two at a time suit a 2-core machine
    maxWorkers: 2,
  },
});
