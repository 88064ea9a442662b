// Weights kept in WebAssembly memory between kernel calls (CpuWasm.resident): the batch-1 LSTM
// step and few-row products reuse them, and a kept copy never outlives the data it copies — a
// weight assigned, disposed and its array recycled, or handed to the caller and written to.
import {
  getBackend,
  lstmCell,
  matMul,
  Rng,
  setBackend,
  type Tensor,
  tensor,
  variable,
} from "@rnnkit/core-tensor";
import { beforeEach, describe, expect, it } from "vitest";
import { worstAbsolute } from "../../test-support/relative-error.js";
import { registerCpuBackend } from "../register.js";
import { isCpuWasmSupported, residentBytes, setCpuWasmEnabled } from "./cpu-wasm.js";

registerCpuBackend();

const H = 32;
const G = 4 * H;

beforeEach(() => {
  setCpuWasmEnabled(true);
  setBackend("cpu");
});

function random(size: number, rng: Rng, scale = 0.5): Float32Array {
  return Float32Array.from({ length: size }, () => (rng.next() * 2 - 1) * scale);
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** h' of one LSTM step at batch 1 in float64 (gate order i, f, g, o). */
function lstmReference(x: Float32Array, h: Float32Array, c: Float32Array, w: Float32Array) {
  const out = new Float64Array(H);
  for (let j = 0; j < H; j++) {
    const gate = (k: number) => {
      let s = x[k * H + j] as number;
      for (let p = 0; p < H; p++) s += (w[(k * H + j) * H + p] as number) * (h[p] as number);
      return s;
    };
    const i = sigmoid(gate(0));
    const f = sigmoid(gate(1));
    const g = Math.tanh(gate(2));
    const o = sigmoid(gate(3));
    out[j] = o * Math.tanh(f * (c[j] as number) + i * g);
  }
  return out;
}

describe.skipIf(!isCpuWasmSupported())("resident weights (backend-cpu WebAssembly)", () => {
  it("the batch-1 LSTM step keeps W_hh resident and follows every change of the weight", () => {
    const rng = new Rng(3);
    const x = random(G, rng);
    const h = random(H, rng);
    const c = random(H, rng);
    const [xt, ht, ct] = [tensor(x, [1, G]), tensor(h, [1, H]), tensor(c, [1, H])];
    const step = (w: Tensor) => {
      const out = lstmCell(xt, ht, ct, w);
      const values = out.h.dataSync().slice();
      out.h.dispose();
      out.c.dispose();
      return values;
    };
    const w1 = random(G * H, rng);
    const w = variable(tensor(w1, [G, H]));
    const before = residentBytes();
    expect(worstAbsolute(step(w), lstmReference(x, h, c, w1))).toBeLessThan(1e-5);
    expect(residentBytes()).toBeGreaterThanOrEqual(before + 4 * G * H); // kept
    expect(worstAbsolute(step(w), lstmReference(x, h, c, w1))).toBeLessThan(1e-5);

    // assigned: new data, the old copy is dropped with the old data
    const w2 = random(G * H, rng);
    w.assign(tensor(w2, [G, H]));
    expect(worstAbsolute(step(w), lstmReference(x, h, c, w2))).toBeLessThan(1e-5);

    // disposed: its array goes back to the buffer pool and comes out again for the next weight
    w.dispose();
    const w3 = random(G * H, rng);
    const recycled = tensor(w3, [G, H]);
    expect(worstAbsolute(step(recycled), lstmReference(x, h, c, w3))).toBeLessThan(1e-5);

    // the backend's own array handed out (readSync; dataSync copies it), then written to: no copy
    // may be kept from then on
    const values = getBackend().readSync(recycled.dataId);
    for (let i = 0; i < values.length; i++) values[i] = -(values[i] as number);
    const negated = Float32Array.from(w3, (v) => -v);
    expect(worstAbsolute(step(recycled), lstmReference(x, h, c, negated))).toBeLessThan(1e-5);
    values[0] = 2;
    negated[0] = 2;
    expect(worstAbsolute(step(recycled), lstmReference(x, h, c, negated))).toBeLessThan(1e-5);
    recycled.dispose();
  });

  it("a few-row product keeps B resident and follows its changes", () => {
    const rng = new Rng(5);
    const [k, n] = [64, 48];
    const a = random(k, rng);
    const at = tensor(a, [1, k]);
    const product = (b: Float32Array) =>
      Array.from({ length: n }, (_, j) => {
        let s = 0;
        for (let p = 0; p < k; p++) s += (a[p] as number) * (b[p * n + j] as number);
        return s;
      });
    const run = (bt: Tensor) => {
      const y = matMul(at, bt);
      const values = y.dataSync().slice();
      y.dispose();
      return values;
    };
    const b1 = random(k * n, rng);
    const bt = variable(tensor(b1, [k, n]));
    expect(worstAbsolute(run(bt), product(b1))).toBeLessThan(1e-5);
    expect(worstAbsolute(run(bt), product(b1))).toBeLessThan(1e-5);
    const b2 = random(k * n, rng);
    bt.assign(tensor(b2, [k, n]));
    expect(worstAbsolute(run(bt), product(b2))).toBeLessThan(1e-5);
    const values = getBackend().readSync(bt.dataId);
    values[5] = 3;
    const b3 = b2.slice();
    b3[5] = 3;
    expect(worstAbsolute(run(bt), product(b3))).toBeLessThan(1e-5);
    bt.dispose();
  });

  it("drops every copy once the data is gone", () => {
    const rng = new Rng(9);
    const before = residentBytes();
    const w = tensor(random(G * H, rng), [G, H]);
    const out = lstmCell(
      tensor(random(G, rng), [1, G]),
      tensor(random(H, rng), [1, H]),
      tensor(random(H, rng), [1, H]),
      w,
    );
    expect(residentBytes()).toBeGreaterThan(before);
    w.dispose();
    out.h.dispose();
    out.c.dispose();
    expect(residentBytes()).toBe(before);
  });
});
