// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time per function (top N), and
// self time per category (matmul, fused cells, element-wise, engine/autograd, allocation/GC, ...).
//   node tooling/bench/src/profile-summary.mjs prof/<file>.cpuprofile [--top 30]
import { readFileSync } from "node:fs";

const file = process.argv[2];
if (file === undefined) throw new Error("usage: profile-summary.mjs <file.cpuprofile> [--top N]");
const topIndex = process.argv.indexOf("--top");
const top = topIndex >= 0 ? Number(process.argv[topIndex + 1]) : 30;
const profile = JSON.parse(readFileSync(file, "utf8"));

// self time per node: samples × their time deltas
const selfMicros = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
const byFunction = new Map();
let total = 0;
for (const node of profile.nodes) {
  const micros = selfMicros.get(node.id) ?? 0;
  if (micros === 0) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${url.replace(/^.*\/(packages|node_modules)\//, "")}:${lineNumber + 1}` : "";
  const key = `${functionName || "(anonymous)"} ${where}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
  total += micros;
}

/** Coarse category of a function, from its name and file. */
function category(key) {
  if (/^\(idle\)/.test(key)) return "idle";
  if (/^\((garbage collector|program)\)/.test(key))
    return key.startsWith("(garbage") ? "GC" : "V8 (program)";
  if (/^\$?(exp|sigmoid|tanh|lstmForward|lstmBackward)\b/.test(key))
    return "fused cell kernels (excl. GEMM)";
  if (
    /mat-mul|gemm|microKernel|pack[AB]|^\$?(kernel|copyStrided|zeroStrided|blockSize)\b|^wasm-function/i.test(
      key,
    )
  )
    return "matmul (GEMM)";
  if (/kernels\/fused\/|wasm\/lstm-cell-wasm/.test(key)) return "fused cell kernels (excl. GEMM)";
  if (/kernels\/(elementwise|reduction)\//.test(key)) return "element-wise / reduction kernels";
  if (/kernels\/movement\//.test(key)) return "movement kernels (slice, concat, reshape, ...)";
  if (/core-tensor\/dist\/(engine|autograd|registry|tensor|variable)\.js/.test(key))
    return "engine / autograd / tape";
  if (/core-tensor\/dist\/ops\//.test(key)) return "ops (validation, shapes)";
  if (/core-tensor\/dist\/(dtype|util)/.test(key)) return "allocation / shape utils";
  if (/backend-cpu\/dist\/backend-cpu\.js/.test(key)) return "backend storage (Map)";
  if (/optim\/dist/.test(key)) return "optimizer";
  if (/layers-recurrent\/dist|losses\/dist/.test(key)) return "layers / losses (JS glue)";
  if (/ [^ ]*:\d+$/.test(key) && !/ :\d+$/.test(key)) return "other JS";
  return "builtins (TypedArray ctor/fill/set, Map, ...)";
}

const byCategory = new Map();
for (const [key, micros] of byFunction) {
  const c = category(key);
  byCategory.set(c, (byCategory.get(c) ?? 0) + micros);
}
const busy = total - (byCategory.get("idle") ?? 0);
const percent = (micros) => `${((100 * micros) / busy).toFixed(1)}%`;
console.log(`total sampled ${(total / 1000).toFixed(0)} ms, busy ${(busy / 1000).toFixed(0)} ms`);
console.log("\nby category (share of busy time):");
for (const [c, micros] of [...byCategory].sort((x, y) => y[1] - x[1])) {
  if (c === "idle") continue;
  console.log(
    `  ${percent(micros).padStart(6)}  ${(micros / 1000).toFixed(0).padStart(6)} ms  ${c}`,
  );
}
console.log(`\ntop ${top} functions by self time:`);
for (const [key, micros] of [...byFunction].sort((x, y) => y[1] - x[1]).slice(0, top)) {
  console.log(
    `  ${percent(micros).padStart(6)}  ${(micros / 1000).toFixed(0).padStart(6)} ms  ${key}`,
  );
}
