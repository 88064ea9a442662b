import { describe, expect, it } from "vitest";
import { decodeKerasWeights } from "./decode-keras-weights.js";

describe("decodeKerasWeights", () => {
  it("reads float32, int32 and affine-quantized uint8/uint16 weights across concatenated buffers", () => {
    const a = new Float32Array([1.5, -2, 0.25]);
    const b = new Int32Array([7, -3]);
    const q8 = new Uint8Array([0, 10, 255, 0]); // 3 values + the start of the next weight
    const q16 = new Uint16Array([2, 1000]);
    const bytes = new Uint8Array([
      ...new Uint8Array(a.buffer),
      ...new Uint8Array(b.buffer),
      ...q8.subarray(0, 3),
      ...new Uint8Array(q16.buffer),
    ]);
    const decoded = decodeKerasWeights(
      [
        { name: "a", shape: [3], dtype: "float32" },
        { name: "b", shape: [2, 1], dtype: "int32" },
        {
          name: "q8",
          shape: [3],
          dtype: "float32",
          quantization: { dtype: "uint8", scale: 0.5, min: -1 },
        },
        {
          name: "q16",
          shape: [2],
          dtype: "float32",
          quantization: { dtype: "uint16", scale: 0.25, min: 1 },
        },
      ],
      [bytes.buffer.slice(0, 10), bytes.buffer.slice(10)],
    );
    expect(decoded.map((w) => [w.name, w.shape, [...w.values]])).toEqual([
      ["a", [3], [1.5, -2, 0.25]],
      ["b", [2, 1], [7, -3]],
      // q·scale + min
      ["q8", [3], [-1, 4, 126.5]],
      ["q16", [2], [1.5, 251]],
    ]);
  });

  it("says which weight runs past the data and rejects float16 quantization", () => {
    expect(() =>
      decodeKerasWeights([{ name: "w", shape: [2, 2], dtype: "float32" }], new ArrayBuffer(12)),
    ).toThrow('the weight data ends at byte 12, before weight "w" (needs 16)');
    expect(() =>
      decodeKerasWeights(
        [{ name: "h", shape: [1], dtype: "float32", quantization: { dtype: "float16" } }],
        new ArrayBuffer(2),
      ),
    ).toThrow('weight "h" is quantized as float16; only uint8 and uint16 are supported');
  });
});
