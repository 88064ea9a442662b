import { defineProject } from "vitest/config";

// Each package's vitest.config.ts re-exports this. The "@rnnkit/source" export condition makes
// `import "@rnnkit/core-tensor"` load packages/core-tensor/src/index.ts, so tests need no build.
export default defineProject({
  resolve: { conditions: ["@rnnkit/source"] },
  ssr: { resolve: { conditions: ["@rnnkit/source"] } },
  test: {
    include: ["src/**/*.test.ts"],
    benchmark: { include: ["src/**/*.bench.ts"] },
    testTimeout: 60_000,
  },
});
