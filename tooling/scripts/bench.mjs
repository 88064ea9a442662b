// Runs the benchmark suites of tooling/bench against the built packages, prints one table per
// suite and writes bench-results/<suite>.json. `pnpm bench` builds first.
//   node tooling/scripts/bench.mjs [--only matmul] [--sizes 256,1024] [--systems rnnkit-cpu,tfjs-wasm]
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { printTable } from "../bench/src/harness.mjs";
import { suites } from "../bench/src/index.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

function option(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const only = option("only")?.split(",");
const sizes = option("sizes")?.split(",").map(Number);
const systems = option("systems")?.split(",");
const outDir = join(root, "bench-results");
mkdirSync(outDir, { recursive: true });

const machine = {
  node: process.version,
  cpu: cpus()[0]?.model,
  cores: cpus().length,
};
console.log(`node ${machine.node}, ${machine.cores} × ${machine.cpu}`);

for (const suite of suites) {
  if (only && !only.includes(suite.name)) continue;
  const loadBefore = loadavg()[0];
  const started = Date.now();
  const { rows, table } = await suite.run({
    sizes,
    systems,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const seconds = (Date.now() - started) / 1000;
  const loadAfter = loadavg()[0];
  console.log(
    `\n${suite.name} (${seconds.toFixed(0)} s; 1-min load average ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)})`,
  );
  printTable(table, Object.keys(table[0] ?? {}));
  const file = join(outDir, `${suite.name}.json`);
  const report = {
    suite: suite.name,
    date: new Date().toISOString(),
    machine,
    loadBefore,
    loadAfter,
    seconds,
    rows,
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`→ ${file}`);
}
process.exit(0);
