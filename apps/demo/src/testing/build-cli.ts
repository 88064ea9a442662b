import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { rolldown } from "rolldown";

const appRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * Bundles src/main.ts (and the @rnnkit packages, from their sources through the "@rnnkit/source"
 * condition) into one script the tests can run as a child process, without a prior build. Other
 * packages (cli-progress, @stdlib data) stay external and load from apps/demo/node_modules.
 * Returns the script's path.
 */
export async function buildCli(): Promise<string> {
  const outDir = join(appRoot, "node_modules", ".cache", "rnnkit-test");
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `cli-${process.pid}-${Math.random().toString(36).slice(2)}.mjs`);
  const bundle = await rolldown({
    input: join(appRoot, "src", "main.ts"),
    platform: "node",
    resolve: { conditionNames: ["@rnnkit/source", "import", "node", "default"] },
    // backend-gpujs is imported on demand only (--backend gpujs): it loads from its dist then
    external: (id) =>
      id === "@rnnkit/backend-gpujs" ||
      (!id.startsWith("@rnnkit/") && !id.startsWith(".") && !id.startsWith("/")),
    logLevel: "silent",
  });
  await bundle.write({ file, format: "esm" });
  await bundle.close();
  return file;
}
