import { registerCpuBackend } from "@rnnkit/backend-cpu";
import {
  cast,
  dispose,
  findBackend,
  memory,
  mul,
  Rng,
  setBackend,
  sum,
  type Tensor,
  tensor,
  tidy,
  valueAndGrads,
} from "@rnnkit/core-tensor";
import { GRU, LSTM } from "@rnnkit/layers-recurrent";
import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import type { TfjsBackend } from "./backend-tfjs.js";
import { loadTfjs } from "./load-tfjs.js";
import { registerTfjsBackend } from "./register.js";

registerCpuBackend();
const info = await registerTfjsBackend();

describe("registerTfjsBackend", () => {
  it("reports the runtime on the info, the backend's `runtime` and `describe()`", async () => {
    const backend = findBackend("tfjs") as TfjsBackend;
    expect(backend.runtime).toBe(info.runtime);
    expect(tf.getBackend()).toBe(info.runtime);
    const line = backend.describe();
    expect(line).toContain(`tfjs ${tf.version_core} on ${info.runtime}`);
    expect(line).toContain("float64 is held and computed as float32");
    if (info.runtime === "wasm") expect(line).toMatch(/SIMD (on|off), threads (on|off)/);
    if (info.runtime !== "tensorflow") {
      // here tfjs-node is absent, or present without its native addon (its build is not allowed)
      expect(info.tfjsNodeUnavailable).toMatch(
        /@tensorflow\/tfjs-node is (not installed|installed but does not load: .+)/,
      );
      expect(line).toContain(`tfjs-node: ${info.tfjsNodeUnavailable}`);
    }
    // idempotent: the first call's choice stands
    expect(await registerTfjsBackend()).toBe(info);
  });

  it.skipIf(info.runtime === "tensorflow")(
    'asking for runtime "tensorflow" without a loadable tfjs-node fails and says why',
    async () => {
      await expect(loadTfjs({ runtime: "tensorflow" })).rejects.toThrow(
        `registerTfjsBackend: runtime "tensorflow" requested: ${info.tfjsNodeUnavailable}`,
      );
      expect(tf.getBackend()).toBe(info.runtime);
    },
  );
});

describe("TfjsBackend storage", () => {
  it("holds float64 as float32 and reads it back as a Float64Array", () => {
    setBackend("tfjs");
    tidy(() => {
      const x = tensor([0.1, 1 / 3, 2 ** 30 + 1], [3], "float64");
      const values = x.dataSync();
      expect(values).toBeInstanceOf(Float64Array);
      expect([...values]).toEqual([Math.fround(0.1), Math.fround(1 / 3), 2 ** 30]);
      const ints = cast(tensor([1.9, -1.9], [2], "float64"), "int32").dataSync();
      expect(ints).toBeInstanceOf(Int32Array);
      expect([...ints]).toEqual([1, -1]);
    });
  });

  it("frees every tf.Tensor it made: a backward pass through an LSTM leaves tfjs's memory as it was", () => {
    setBackend("tfjs");
    const backend = findBackend("tfjs") as TfjsBackend;
    const tfBefore = tf.memory().numTensors;
    const before = memory();
    const layer = new LSTM({ inputSize: 3, hiddenSize: 4, rng: new Rng(1) });
    const x = tensor(
      Array.from({ length: 30 }, (_, k) => Math.sin(k)),
      [2, 5, 3],
    );
    const { value, grads } = valueAndGrads(() => sum(layer.forward(x).output))(layer.parameters());
    expect(backend.memory().numDataIds).toBeGreaterThan(0);
    dispose([value, grads, x]);
    layer.dispose();
    expect(memory()).toEqual(before);
    expect(tf.memory().numTensors).toBe(tfBefore);
  });
});

/** Forward values and parameter gradients of Σ w∘layer(x), on the active backend. */
function run(layer: LSTM | GRU, xValues: number[], wValues: number[]): number[][] {
  return tidy(() => {
    const x = tensor(xValues, [4, 5, 3]);
    const w = tensor(wValues, [4, 5, 8]);
    const out = layer.forward(x).output;
    const { grads } = valueAndGrads(() => sum(mul(layer.forward(x).output, w)))(layer.parameters());
    return [out.dataSync(), ...grads.map((g: Tensor) => g.dataSync())].map((a) => [...a]);
  });
}

describe("the fused recurrent kernels agree with backend-cpu (float32, B=4, T=5, H=8)", () => {
  const rng = new Rng(7);
  const xValues = Array.from({ length: 4 * 5 * 3 }, () => rng.nextNormal());
  const wValues = Array.from({ length: 4 * 5 * 8 }, () => rng.nextNormal());
  const layers: [string, () => LSTM | GRU][] = [
    ["LSTM", () => new LSTM({ inputSize: 3, hiddenSize: 8, rng: new Rng(3) })],
    ["GRU resetAfter", () => new GRU({ inputSize: 3, hiddenSize: 8, rng: new Rng(4) })],
    [
      "GRU reset before W_hn",
      () => new GRU({ inputSize: 3, hiddenSize: 8, resetAfter: false, rng: new Rng(5) }),
    ],
  ];
  for (const [name, make] of layers) {
    it(`${name}: outputs and d/dW_ih, d/dW_hh, d/db_ih, d/db_hh`, () => {
      setBackend("cpu");
      const layer = make();
      const onCpu = run(layer, xValues, wValues);
      setBackend("tfjs"); // the parameters move to tfjs on first use
      const onTfjs = run(layer, xValues, wValues);
      onCpu.forEach((expected, k) => {
        const worst = Math.max(
          ...expected.map((v, i) => Math.abs(v - (onTfjs[k]?.[i] ?? Number.NaN))),
        );
        expect(worst, `${k === 0 ? "output" : `gradient ${k}`}: max |tfjs − cpu|`).toBeLessThan(
          2e-5,
        );
      });
      layer.dispose();
    });
  }
});
