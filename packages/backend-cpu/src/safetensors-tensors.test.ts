import { readdirSync, readFileSync } from "node:fs";
import {
  decodeSafetensors,
  encodeSafetensors,
  type SafetensorsEntry,
  safetensorsToTensors,
  type TypedArray,
  tensor,
  tensorsToSafetensors,
} from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { registerCpuBackend } from "./register.js";

registerCpuBackend();

/** PyTorch goldens written by packages/layers-recurrent/scripts/make-goldens.py. */
const FIXTURES = new URL("../../layers-recurrent/fixtures/", import.meta.url);
const readFixture = (name: string) => new Uint8Array(readFileSync(new URL(name, FIXTURES)));

function get(tensors: Record<string, SafetensorsEntry>, name: string): SafetensorsEntry {
  const entry = tensors[name];
  if (entry === undefined) throw new Error(`fixture has no tensor "${name}"`);
  return entry;
}

describe("tensorsToSafetensors / safetensorsToTensors", () => {
  it("round-trips cpu tensors of every dtype", () => {
    const record = {
      a: tensor(
        [
          [1.5, -2],
          [3, 4],
        ],
        [2, 2],
        "float32",
      ),
      b: tensor([Math.PI, 1e-300], [2], "float64"),
      c: tensor([-7, 0, 2147483647], [3, 1], "int32"),
    };
    const { tensors, metadata } = safetensorsToTensors(tensorsToSafetensors(record, { k: "v" }));
    expect(metadata).toEqual({ k: "v" });
    for (const [name, original] of Object.entries(record)) {
      const copy = tensors[name];
      expect(copy?.backendName).toBe("cpu");
      expect(copy?.dtype).toBe(original.dtype);
      expect(copy?.shape).toEqual(original.shape);
      expect(copy?.dataSync()).toEqual(original.dataSync());
    }
  });

  it("loads a PyTorch LSTM fixture with state_dict names and shapes", () => {
    const { tensors, metadata } = safetensorsToTensors(readFixture("lstm_l2_bi.safetensors"));
    const config = JSON.parse(metadata.config ?? "{}") as {
      hidden_size: number;
      input_size: number;
    };
    const [H, I] = [config.hidden_size, config.input_size];
    expect([H, I]).toEqual([6, 4]);
    expect(metadata.torch_version).toMatch(/^\d+\.\d+/);
    const expectedShapes: Record<string, number[]> = {
      weight_ih_l0: [4 * H, I],
      weight_hh_l0: [4 * H, H],
      bias_ih_l0: [4 * H],
      bias_hh_l0: [4 * H],
      weight_ih_l0_reverse: [4 * H, I],
      weight_ih_l1: [4 * H, 2 * H], // layer 2 reads both directions of layer 1
      weight_hh_l1_reverse: [4 * H, H],
      "grad.weight_ih_l1": [4 * H, 2 * H],
      input: [3, 5, I],
      h0: [4, 3, H], // num_layers × directions
      c0: [4, 3, H],
      output: [3, 5, 2 * H],
      h_n: [4, 3, H],
      c_n: [4, 3, H],
      "grad.input": [3, 5, I],
      "grad.c0": [4, 3, H],
    };
    for (const [name, shape] of Object.entries(expectedShapes)) {
      expect(tensors[name]?.shape, name).toEqual(shape);
      expect(tensors[name]?.dtype, name).toBe("float64");
    }
    expect(Object.keys(tensors)).toHaveLength(2 * 16 + 12); // 16 params + their grads; input, h0, c0, output, h_n, c_n, w_out, w_h, w_c and 3 grads
  });
});

describe("PyTorch fixtures", () => {
  const files = readdirSync(FIXTURES).filter((name) => name.endsWith(".safetensors"));

  it("are all present and small", () => {
    expect(files).toContain("dtypes.safetensors");
    expect(files.length).toBeGreaterThanOrEqual(20);
    for (const name of files) expect(readFixture(name).length).toBeLessThan(50_000);
  });

  it("re-encode byte for byte (same layout as the Python writer)", () => {
    for (const name of files.filter((file) => file !== "dtypes.safetensors")) {
      const bytes = readFixture(name);
      const { tensors, metadata } = decodeSafetensors(bytes);
      expect(encodeSafetensors(tensors, metadata), name).toEqual(bytes);
    }
  });

  it("decode F16, BF16, F32 and I64 as torch converts them", () => {
    const { tensors } = decodeSafetensors(readFixture("dtypes.safetensors"));
    for (const name of ["f16", "bf16", "f32"]) {
      const decoded = get(tensors, name);
      const exact = get(tensors, `${name}.as_f64`);
      expect(decoded.dtype).toBe("float32");
      expect(decoded.shape).toEqual([3, 4]);
      expect(Array.from(decoded.values), name).toEqual(Array.from(exact.values));
    }
    // f16 rounds 1/3 to 0.333251953125; bf16 keeps 8 bits of mantissa: 0.333984375
    expect(get(tensors, "f16").values[0]).toBe(0.333251953125);
    expect(get(tensors, "bf16").values[0]).toBe(0.333984375);
    expect(get(tensors, "i64")).toEqual({
      dtype: "int32",
      shape: [4],
      values: new Int32Array([-2147483648, -5, 0, 2147483647]),
    });
    expect(Array.from(get(tensors, "i32").values)).toEqual([-2147483648, -1, 0, 1, 7, 2147483647]);
  });

  /**
   * PyTorch's LSTM, recomputed in plain float64 from the decoded parameters (gate rows i, f, g, o):
   * g = W_ih x + b_ih + W_hh h + b_hh;  c' = σ(f)∘c + σ(i)∘tanh(g);  h' = σ(o)∘tanh(c').
   * Steps t ≥ length leave the state alone and output 0 (pack_padded_sequence).
   */
  function lstmForward(tensors: Record<string, SafetensorsEntry>, lengths: readonly number[]) {
    const [B, T, I] = get(tensors, "input").shape as [number, number, number];
    const H = get(tensors, "h0").shape[2] as number;
    const x = get(tensors, "input").values;
    const wih = get(tensors, "weight_ih_l0").values;
    const whh = get(tensors, "weight_hh_l0").values;
    const bih = get(tensors, "bias_ih_l0").values;
    const bhh = get(tensors, "bias_hh_l0").values;
    const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
    const output = new Float64Array(B * T * H);
    const h = Float64Array.from(get(tensors, "h0").values);
    const c = Float64Array.from(get(tensors, "c0").values);
    for (let b = 0; b < B; b++) {
      for (let t = 0; t < (lengths[b] ?? T); t++) {
        const gates = new Float64Array(4 * H);
        for (let row = 0; row < 4 * H; row++) {
          let sum = (bih[row] as number) + (bhh[row] as number);
          for (let k = 0; k < I; k++)
            sum += (wih[row * I + k] as number) * (x[(b * T + t) * I + k] as number);
          for (let k = 0; k < H; k++)
            sum += (whh[row * H + k] as number) * (h[b * H + k] as number);
          gates[row] = sum;
        }
        for (let j = 0; j < H; j++) {
          const i = sigmoid(gates[j] as number);
          const f = sigmoid(gates[H + j] as number);
          const g = Math.tanh(gates[2 * H + j] as number);
          const o = sigmoid(gates[3 * H + j] as number);
          c[b * H + j] = f * (c[b * H + j] as number) + i * g;
          h[b * H + j] = o * Math.tanh(c[b * H + j] as number);
          output[(b * T + t) * H + j] = h[b * H + j] as number;
        }
      }
    }
    return { output, h, c };
  }

  function expectClose(actual: TypedArray, expected: TypedArray, label: string) {
    expect(actual.length, label).toBe(expected.length);
    let worst = 0;
    for (let i = 0; i < actual.length; i++) {
      worst = Math.max(worst, Math.abs((actual[i] as number) - (expected[i] as number)));
    }
    expect(worst, label).toBeLessThan(1e-12);
  }

  it("hold an LSTM whose outputs match an independent recomputation", () => {
    const { tensors } = decodeSafetensors(readFixture("lstm_l1_uni.safetensors"));
    const { output, h, c } = lstmForward(tensors, [5, 5, 5]);
    expectClose(get(tensors, "output").values, output, "output");
    expectClose(get(tensors, "h_n").values, h, "h_n");
    expectClose(get(tensors, "c_n").values, c, "c_n");
  });

  it("hold a masked LSTM: zero output past each length, final state at the last valid step", () => {
    const { tensors } = decodeSafetensors(readFixture("lstm_l1_uni_masked.safetensors"));
    const lengths = get(tensors, "lengths");
    expect(lengths).toEqual({ dtype: "int32", shape: [3], values: new Int32Array([5, 3, 2]) });
    const { output, h, c } = lstmForward(tensors, Array.from(lengths.values));
    expectClose(get(tensors, "output").values, output, "output");
    expectClose(get(tensors, "h_n").values, h, "h_n");
    expectClose(get(tensors, "c_n").values, c, "c_n");
    const padded = get(tensors, "output").values.subarray((2 * 5 + 2) * 6, 3 * 5 * 6);
    expect(padded.every((v) => v === 0)).toBe(true);
  });
});
