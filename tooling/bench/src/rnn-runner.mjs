// Runs the char-RNN workload (rnn-workload.mjs) for every system, each (system, workload) in its
// own child process: one crash, hang or memory blow-up costs one row, and no system's JIT state,
// heap or thread pool leaks into another's timings. Used by rnn-train.mjs and rnn-generate.mjs.
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "./harness.mjs";
import { DEFAULT_WORKLOADS, trainStepFlops, VOCABULARY, WORKLOADS } from "./rnn-workload.mjs";

const systemsDir = join(dirname(fileURLToPath(import.meta.url)), "systems");

/** The interpreter with Debian's python3-torch (not a pyenv python3 on PATH); BENCH_PYTHON overrides. */
const python = process.env.BENCH_PYTHON ?? "/usr/bin/python3";

/**
 * The systems, in the order they run within a workload. `slow`: a peer that takes tens of
 * seconds per training step at H = 512, skipped there unless --slow-peers. `plan(kind, hidden)`
 * gives warm-up / timed steps; `full` ones follow the workload's ≥ 3 + ≥ 20 rule.
 */
export const RNN_SYSTEMS = [
  {
    name: "rnnkit-cpu",
    label: "rnnkit backend-cpu, one-hot input",
    command: ["node", "rnn-rnnkit.mjs"],
    config: { input: "one-hot" },
    full: true,
  },
  {
    name: "rnnkit-cpu-index",
    label: "rnnkit backend-cpu, INDEX input (int32 [B, T] into the layer: rows of its input table)",
    command: ["node", "rnn-rnnkit.mjs"],
    config: { input: "index" },
    full: true,
  },
  {
    name: "rnnkit-tfjs",
    label: "rnnkit layers on @rnnkit/backend-tfjs (tfjs-wasm kernels), one-hot input",
    command: ["node", "rnn-rnnkit.mjs"],
    config: { input: "one-hot", backend: "tfjs" },
    slow: true,
  },
  {
    name: "rnnkit-gpujs-webasm",
    label: "rnnkit layers on @rnnkit/backend-gpujs, mode webasm (no GPU here), one-hot input",
    command: ["node", "rnn-rnnkit.mjs"],
    config: { input: "one-hot", backend: "gpujs", mode: "webasm" },
    slow: true,
  },
  {
    name: "pytorch",
    label: "PyTorch CPU, 2 threads (OpenMP spin-waits: collapses on a busy machine)",
    command: [python, "rnn-torch.py"],
    config: { threads: 2 },
    full: true,
  },
  {
    name: "pytorch-1t",
    label: "PyTorch CPU, 1 thread",
    command: [python, "rnn-torch.py"],
    config: { threads: 1 },
    full: true,
  },
  {
    name: "tfjs-wasm",
    label: "@tensorflow/tfjs 4.22 wasm (SIMD, 1 thread)",
    command: ["node", "rnn-tfjs.mjs"],
    config: { backend: "wasm" },
  },
  {
    name: "tfjs-cpu",
    label: "@tensorflow/tfjs 4.22 cpu",
    command: ["node", "rnn-tfjs.mjs"],
    config: { backend: "cpu" },
    slow: true,
  },
  {
    name: "brain.js",
    label: "brain.js 2.0.0-beta.24 recurrent (closest equivalent: per-string updates, table input)",
    command: ["node", "rnn-brain.mjs"],
    config: {},
    slow: true,
  },
];

/**
 * Warm-up and timed steps. Training: the workload's 3 + 20 for `full` systems (rnnkit's at
 * H > 128 stop once 90 s, index input 45 s, of timed steps have passed); the peers 2 + up to 20
 * within 20 s (H ≤ 128) or 1 + up to 20 within 30 s. At least 3 timed steps always; the table
 * shows how many ran. `--full` lifts every cap. Generation: 50 warm-up characters, then up to 3 runs
 * of 500 timed ones.
 */
function plan(kind, system, hidden, full) {
  if (kind === "generate") {
    return { warmup: 50, steps: 500, reps: 3, maxSeconds: full ? 1e9 : 20 };
  }
  if (full) return { warmup: 3, steps: 20, maxSeconds: 1e9 };
  if (system.full) {
    // rnnkit at H = 512 takes seconds per step: cap the timed part by default
    if (hidden <= 128) return { warmup: 3, steps: 20, maxSeconds: 1e9 };
    return { warmup: 3, steps: 20, maxSeconds: system.config.input === "index" ? 45 : 90 };
  }
  return hidden <= 128
    ? { warmup: 2, steps: 20, maxSeconds: 20 }
    : { warmup: 1, steps: 20, maxSeconds: 30 };
}

/** Runs one worker; resolves to its JSON result, or { error } with the tail of its stderr. */
export function runWorker(system, config, { log, verbose, timeoutSeconds }) {
  const [program, script] = system.command;
  return new Promise((resolve) => {
    const child = spawn(program, [join(systemsDir, script), JSON.stringify(config)], {
      cwd: systemsDir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
      if (verbose) for (const line of String(chunk).trimEnd().split("\n")) log(`    ${line}`);
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutSeconds * 1000);
    const fail = (error) => {
      clearTimeout(timer);
      const tail = stderr.trim().split("\n").slice(-3).join(" | ");
      resolve({ error: `${error}${tail ? `: ${tail}` : ""}` });
    };
    child.on("error", (error) => {
      clearTimeout(timer);
      // no interpreter at all (e.g. no /usr/bin/python3): the system is not available here
      if (error.code === "ENOENT") resolve({ unavailable: `${program} not found` });
      else fail(`${program}: ${error.message}`);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const line = stdout.trim().split("\n").at(-1);
      if (code === 0 && line) {
        try {
          resolve(JSON.parse(line));
          return;
        } catch {
          // fall through: not a result line
        }
      }
      if (signal === "SIGKILL") fail(`timed out after ${timeoutSeconds} s`);
      else fail(`exit ${code ?? signal}`);
    });
  });
}

/** Selected workloads (names of WORKLOADS) and systems (names of RNN_SYSTEMS). */
function selection(options) {
  const workloads = options.workloads ?? DEFAULT_WORKLOADS;
  for (const w of workloads) {
    if (!(w in WORKLOADS)) throw new Error(`unknown workload ${w} (${Object.keys(WORKLOADS)})`);
  }
  const names = RNN_SYSTEMS.map((s) => s.name);
  for (const s of [...(options.systems ?? []), ...(options.skip ?? [])]) {
    if (!names.includes(s)) throw new Error(`unknown system ${s} (${names})`);
  }
  const systems = RNN_SYSTEMS.filter(
    (s) =>
      (options.systems === undefined || options.systems.includes(s.name)) &&
      !(options.skip ?? []).includes(s.name),
  );
  return { workloads, systems };
}

function summarise(kind, workloadName, system, runPlan, result, load) {
  const { cell, hidden } = WORKLOADS[workloadName];
  const row = {
    workload: workloadName,
    cell,
    hidden,
    system: system.name,
    label: system.label,
    plan: runPlan,
    loadBefore: load[0],
    loadAfter: load[1],
  };
  if (result.error !== undefined || result.unavailable !== undefined) {
    return { ...row, error: result.error, unavailable: result.unavailable };
  }
  const { times, losses, rates, ...details } = result;
  if (kind === "generate") {
    return { ...row, charsPerSecond: median(rates), rates, details };
  }
  const seconds = median(times);
  const flops = trainStepFlops(cell, hidden);
  return {
    ...row,
    charsPerSecond: (runPlan.batch * runPlan.sequence) / seconds,
    stepSecondsMedian: seconds,
    stepSecondsMin: Math.min(...times),
    stepSecondsMax: Math.max(...times),
    timedSteps: times.length,
    warmupSteps: runPlan.warmup,
    gflops: flops / seconds / 1e9,
    flopsPerStep: flops,
    lossFirst: losses[0],
    lossLast: losses.at(-1),
    times,
    details,
  };
}

function format(n) {
  return n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toPrecision(3);
}

/** One table per workload: chars/s and rnnkit-cpu ÷ system (> 1: rnnkit is faster). */
function tables(kind, rows, workloads) {
  return workloads.map((workloadName) => {
    const own = rows.filter((r) => r.workload === workloadName);
    const ours = own.find((r) => r.system === "rnnkit-cpu" && r.charsPerSecond !== undefined);
    const { cell, hidden } = WORKLOADS[workloadName];
    return {
      title: `${kind === "train" ? "training" : "generation (batch 1)"}: ${cell.toUpperCase()} H=${hidden}, V=${VOCABULARY}${kind === "train" ? ", T=64, B=32" : ""}`,
      rows: own.map((r) => {
        const ratio =
          ours === undefined || r.charsPerSecond === undefined || r === ours
            ? undefined
            : ours.charsPerSecond / r.charsPerSecond;
        if (ours !== undefined && r !== ours) r.ratioRnnkitCpu = ratio;
        const cells = {
          system: r.system,
          "chars/s": r.charsPerSecond === undefined ? "—" : format(r.charsPerSecond),
          "rnnkit-cpu / system": ratio === undefined ? "—" : ratio.toFixed(3),
        };
        if (kind === "train") {
          cells["step s (median)"] = r.stepSecondsMedian?.toFixed(3) ?? "—";
          cells["min–max s"] =
            r.stepSecondsMin === undefined
              ? "—"
              : `${r.stepSecondsMin.toFixed(3)}–${r.stepSecondsMax.toFixed(3)}`;
          cells["GFLOP/s"] = r.gflops?.toFixed(2) ?? "—";
          cells["warm-up+timed"] =
            r.timedSteps === undefined
              ? "—"
              : `${r.warmupSteps}+${r.timedSteps}${r.timedSteps < 20 || r.warmupSteps < 3 ? " (reduced)" : ""}`;
        } else {
          cells.runs =
            r.rates === undefined
              ? "—"
              : `${r.rates.length}×${r.plan.steps}${r.rates.length < 3 ? " (reduced)" : ""}`;
        }
        cells.load = `${r.loadBefore.toFixed(1)}→${r.loadAfter.toFixed(1)}`;
        cells.note = r.unavailable
          ? `not available (${r.unavailable})`
          : r.error
            ? `FAILED: ${r.error}`.slice(0, 120)
            : r.skipped
              ? r.skipped
              : r.label;
        return cells;
      }),
    };
  });
}

/**
 * @param {"train" | "generate"} kind
 * @param {{ workloads?: string[], systems?: string[], skip?: string[], slowPeers?: boolean,
 *   full?: boolean, verbose?: boolean, log: (line: string) => void }} options
 */
export async function runRnnSuite(kind, options) {
  const { log } = options;
  const { workloads, systems } = selection(options);
  const rows = [];
  const notes = [];
  for (const workloadName of workloads) {
    const { cell, hidden } = WORKLOADS[workloadName];
    for (const system of systems) {
      const base = { workload: workloadName, cell, hidden, system: system.name };
      if (kind === "train" && system.slow && hidden > 128 && !options.slowPeers) {
        const skipped = "skipped (slow peer at H > 128: add --slow-peers)";
        rows.push({ ...base, label: system.label, skipped, loadBefore: loadavg()[0] });
        rows.at(-1).loadAfter = rows.at(-1).loadBefore;
        continue;
      }
      const runPlan = { ...plan(kind, system, hidden, options.full), batch: 32, sequence: 64 };
      const config = { kind, cell, hidden, ...system.config, ...runPlan };
      log(`rnn-${kind} ${workloadName} ${system.name} …`);
      const loadBefore = loadavg()[0];
      const result = await runWorker(system, config, {
        log,
        verbose: options.verbose,
        timeoutSeconds: options.timeoutSeconds ?? 600,
      });
      const row = summarise(kind, workloadName, system, runPlan, result, [
        loadBefore,
        loadavg()[0],
      ]);
      if (row.unavailable && system.command[0] === python) {
        const why = row.unavailable.includes(python)
          ? row.unavailable
          : `${python}: ${row.unavailable}`;
        const note = `PyTorch: not available (${why})`;
        if (!notes.includes(note)) notes.push(note);
        log(note);
      } else if (row.error) {
        log(`  ${system.name} failed: ${row.error}`);
      } else {
        log(`  ${format(row.charsPerSecond)} chars/s`);
      }
      rows.push(row);
    }
  }
  return { rows, tables: tables(kind, rows, workloads), notes };
}
