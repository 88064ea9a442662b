// Runs the benchmark suites of tooling/bench against the built packages, prints one table per
// suite and writes bench-results/<suite>.json. `pnpm bench` builds first.
//   node tooling/scripts/bench.mjs [--only matmul,rnn-train,rnn-generate] [--sizes 256,1024]
//     [--systems rnnkit-cpu,tfjs-wasm] [--skip tfjs-cpu,brain.js]
//     rnn-*: [--workloads lstm128,gru128,lstm512,gru512] [--slow-peers] [--full] [--verbose]
//     memory (opt-in): [--workloads lstm128,lstm512] [--steps 300] [--every 3]
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
const skip = option("skip")?.split(",");
const workloads = option("workloads")?.split(",");
const steps = option("steps") === undefined ? undefined : Number(option("steps"));
const every = option("every") === undefined ? undefined : Number(option("every"));
const flag = (name) => process.argv.includes(`--${name}`);
const outDir = join(root, "bench-results");
mkdirSync(outDir, { recursive: true });

const machine = {
  node: process.version,
  cpu: cpus()[0]?.model,
  cores: cpus().length,
};
console.log(`node ${machine.node}, ${machine.cores} × ${machine.cpu}`);

for (const suite of suites) {
  if (only ? !only.includes(suite.name) : suite.optIn) continue;
  const loadBefore = loadavg()[0];
  const started = Date.now();
  const {
    rows,
    table,
    tables,
    notes = [],
  } = await suite.run({
    sizes,
    systems,
    skip,
    workloads,
    steps,
    every,
    slowPeers: flag("slow-peers"),
    full: flag("full"),
    verbose: flag("verbose"),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const seconds = (Date.now() - started) / 1000;
  const loadAfter = loadavg()[0];
  console.log(
    `\n${suite.name} (${seconds.toFixed(0)} s; 1-min load average ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)})`,
  );
  for (const note of notes) console.log(note);
  for (const { title, rows: cells } of tables ?? [{ rows: table }]) {
    if (title) console.log(`\n${title}`);
    printTable(cells, Object.keys(cells[0] ?? {}));
  }
  const file = join(outDir, `${suite.name}.json`);
  const report = {
    suite: suite.name,
    date: new Date().toISOString(),
    machine,
    loadBefore,
    loadAfter,
    seconds,
    notes,
    rows,
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`→ ${file}`);
}
process.exit(0);
