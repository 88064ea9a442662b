// Parity with PyTorch (Debian python3-torch) on the golden files written by
// scripts/make-goldens.py: outputs, final states and every gradient, float64, within 1e-10
// (the issue asks for 1e-5; float64 on both sides gives far more).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { registerCpuBackend } from "@rnnkit/backend-cpu";
import {
  add,
  decodeSafetensors,
  dispose,
  keep,
  memory,
  mul,
  sum,
  type Tensor,
  tensor,
  tidy,
  valueAndGrads,
} from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { GRU } from "./gru.js";
import { LSTM } from "./lstm.js";
import type { RecurrentLayer } from "./recurrent-layer.js";
import { SimpleRNN } from "./simple-rnn.js";

registerCpuBackend();

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures");
const TOLERANCE = 1e-10;

interface Config {
  mode: "rnn_tanh" | "rnn_relu" | "lstm" | "gru" | "gru_course";
  num_layers: number;
  bidirectional: boolean;
  input_size: number;
  hidden_size: number;
  lengths?: number[];
}

function load(file: string) {
  const { tensors, metadata } = decodeSafetensors(
    new Uint8Array(readFileSync(join(FIXTURES, file))),
  );
  const config = JSON.parse(metadata.config as string) as Config;
  const get = (name: string): Tensor => {
    const entry = tensors[name];
    if (entry === undefined) throw new Error(`${file} has no "${name}"`);
    return tensor(entry.values, entry.shape, entry.dtype);
  };
  return { tensors, config, get };
}

function build(config: Config, fused: boolean): RecurrentLayer {
  const common = {
    inputSize: config.input_size,
    hiddenSize: config.hidden_size,
    numLayers: config.num_layers,
    bidirectional: config.bidirectional,
    dtype: "float64" as const,
  };
  switch (config.mode) {
    case "rnn_tanh":
      return new SimpleRNN({ ...common, nonlinearity: "tanh" });
    case "rnn_relu":
      return new SimpleRNN({ ...common, nonlinearity: "relu" });
    case "lstm":
      return new LSTM({ ...common, fused });
    case "gru":
      return new GRU({ ...common, fused, resetAfter: true });
    case "gru_course":
      return new GRU({ ...common, fused, resetAfter: false });
  }
}

function expectClose(actual: Tensor, expected: Tensor, label: string): void {
  expect(actual.shape, `${label} shape`).toEqual(expected.shape);
  const a = actual.dataSync();
  const e = expected.dataSync();
  let worst = 0;
  for (let i = 0; i < e.length; i++)
    worst = Math.max(worst, Math.abs((a[i] as number) - (e[i] as number)));
  expect(worst, `${label}: max |rnnkit − pytorch|`).toBeLessThan(TOLERANCE);
}

const files = readdirSync(FIXTURES).filter(
  (f) => f.endsWith(".safetensors") && f !== "dtypes.safetensors",
);

describe("recurrent layers match PyTorch", () => {
  it("has the golden files", () => {
    expect(files.length).toBeGreaterThanOrEqual(19);
  });

  for (const file of files) {
    for (const fused of [true, false]) {
      const { config } = load(file);
      if (fused && config.mode.startsWith("rnn")) continue; // SimpleRNN has no fused kernel
      it(`${file} (${fused ? "fused kernels" : "composite ops"})`, () => {
        const before = memory().numTensors;
        tidy(() => {
          const { tensors, get } = load(file);
          const layer = build(config, fused);
          const paramNames = layer.namedParameters().map(([name]) => name);
          layer.loadStateDict(Object.fromEntries(paramNames.map((n) => [n, get(n)])));
          const isLstm = config.mode === "lstm";
          const x = get("input");
          const h0 = get("h0");
          const c0 = isLstm ? get("c0") : undefined;
          let mask: Tensor | undefined;
          if (config.lengths !== undefined) {
            const [B, T] = x.shape as [number, number];
            const m = new Float64Array(B * T);
            config.lengths.forEach((len, b) => {
              m.fill(1, b * T, b * T + len);
            });
            mask = tensor(m, [B, T], "float64");
          }
          const params = layer.parameters();
          const sources = [x, h0, ...(c0 ? [c0] : []), ...params];
          let outputs: { output: Tensor; hN: Tensor; cN?: Tensor } | undefined;
          const { grads } = valueAndGrads(() => {
            const result = layer.forward(x, { h0, c0, mask });
            outputs = {
              output: keep(result.output),
              hN: keep(result.hN),
              ...(result.cN ? { cN: keep(result.cN) } : {}),
            };
            let loss = add(
              sum(mul(outputs.output, get("w_out"))),
              sum(mul(outputs.hN, get("w_h"))),
            );
            if (outputs.cN !== undefined) loss = add(loss, sum(mul(outputs.cN, get("w_c"))));
            return loss;
          })(sources);
          const out = outputs as { output: Tensor; hN: Tensor; cN?: Tensor };
          expectClose(out.output, get("output"), "output");
          expectClose(out.hN, get("h_n"), "h_n");
          if (isLstm) expectClose(out.cN as Tensor, get("c_n"), "c_n");
          expectClose(grads[0] as Tensor, get("grad.input"), "grad.input");
          expectClose(grads[1] as Tensor, get("grad.h0"), "grad.h0");
          if (isLstm) expectClose(grads[2] as Tensor, get("grad.c0"), "grad.c0");
          const offset = isLstm ? 3 : 2;
          paramNames.forEach((name, i) => {
            expect(tensors[`grad.${name}`], `fixture has grad.${name}`).toBeDefined();
            expectClose(grads[offset + i] as Tensor, get(`grad.${name}`), `grad.${name}`);
          });
          layer.dispose();
          dispose([out.output, out.hN, out.cN]);
        });
        expect(memory().numTensors).toBe(before);
      });
    }
  }
});
