// Matrix product GFLOP/s: rnnkit backend-cpu vs tfjs 4.22.0 `cpu` and `wasm` (float32, C = A·B).

import { measure, median, quietly, randomFloat32 } from "./harness.mjs";
import { matMul, registerCpuBackend, setBackend, tensor } from "./systems/rnnkit.mjs";
import { loadTfjs } from "./systems/tfjs.mjs";

/** Warm-up runs, timed runs and a time cap per (system, size); 1024³ is ~2 GFLOP per run. */
function plan(size) {
  return size <= 256
    ? { warmup: 3, reps: 15, maxSeconds: 4 }
    : { warmup: 1, reps: 5, maxSeconds: 12 };
}

function row(system, size, times) {
  const flops = 2 * size ** 3;
  const seconds = median(times);
  return {
    system,
    size,
    dtype: "float32",
    gflops: flops / seconds / 1e9,
    gflopsBest: flops / Math.min(...times) / 1e9,
    msMedian: seconds * 1000,
    reps: times.length,
  };
}

async function benchRnnkit(size, a, b) {
  registerCpuBackend();
  setBackend("cpu");
  const ta = tensor(a, [size, size], "float32");
  const tb = tensor(b, [size, size], "float32");
  const times = await measure(() => {
    const c = matMul(ta, tb);
    c.dataSync();
    c.dispose();
  }, plan(size));
  ta.dispose();
  tb.dispose();
  return row("rnnkit-cpu", size, times);
}

async function benchTfjs(tf, backend, size, a, b) {
  // The first use of tfjs's `cpu` backend prints a banner about tfjs-node.
  await quietly(async () => {
    await tf.setBackend(backend);
    await tf.ready();
  });
  const ta = tf.tensor2d(a, [size, size], "float32");
  const tb = tf.tensor2d(b, [size, size], "float32");
  const times = await measure(() => {
    const c = tf.matMul(ta, tb);
    c.dataSync();
    c.dispose();
  }, plan(size));
  ta.dispose();
  tb.dispose();
  return row(`tfjs-${backend}`, size, times);
}

/** @param {{ sizes?: number[], systems?: string[], log: (line: string) => void }} options */
export async function runMatmul({ sizes = [256, 1024], systems, log }) {
  const tf = await quietly(loadTfjs);
  const results = [];
  for (const size of sizes) {
    const a = randomFloat32(size * size, 1);
    const b = randomFloat32(size * size, 2);
    for (const [name, run] of [
      ["rnnkit-cpu", () => benchRnnkit(size, a, b)],
      ["tfjs-cpu", () => benchTfjs(tf, "cpu", size, a, b)],
      ["tfjs-wasm", () => benchTfjs(tf, "wasm", size, a, b)],
    ]) {
      if (systems && !systems.includes(name)) continue;
      log(`matmul ${size}³ ${name} …`);
      results.push(await run());
    }
  }
  // rnnkit / peer at each size (> 1: rnnkit is faster)
  for (const r of results) {
    const ours = results.find((o) => o.system === "rnnkit-cpu" && o.size === r.size);
    r.ratio = r.system === "rnnkit-cpu" || !ours ? undefined : ours.gflops / r.gflops;
  }
  return {
    rows: results,
    table: results.map((r) => ({
      system: r.system,
      size: `${r.size}³`,
      "GFLOP/s": r.gflops.toFixed(2),
      "best GFLOP/s": r.gflopsBest.toFixed(2),
      "ms (median)": r.msMedian.toFixed(1),
      reps: r.reps,
      "rnnkit/peer": r.ratio === undefined ? "—" : r.ratio.toFixed(2),
    })),
  };
}

export const matmulSuite = { name: "matmul", run: runMatmul };
