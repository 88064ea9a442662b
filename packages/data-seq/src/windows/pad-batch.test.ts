import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { memory } from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { padBatch } from "./pad-batch.js";

registerCpuBackend();

describe("padBatch", () => {
  it("gives int32 indices [B, T] and a float mask [B, T]", () => {
    const { indices, mask, lengths } = padBatch([[5, 6, 7], [8]]);
    expect(indices.dtype).toBe("int32");
    expect(indices.arraySync()).toEqual([
      [5, 6, 7],
      [8, 0, 0],
    ]);
    expect(mask.dtype).toBe("float32");
    expect(mask.arraySync()).toEqual([
      [1, 1, 1],
      [1, 0, 0],
    ]);
    expect(lengths).toEqual([3, 1]);
    indices.dispose();
    mask.dispose();
  });

  it("takes a float64 mask and a fixed length, and leaks nothing on errors", () => {
    const { indices, mask } = padBatch([[1]], { maskDtype: "float64", length: 2 });
    expect(mask.dtype).toBe("float64");
    expect(indices.shape).toEqual([1, 2]);
    indices.dispose();
    mask.dispose();
    const before = memory().numTensors;
    expect(() => padBatch([[1]], { maskDtype: "int32" })).toThrow(
      /maskDtype must be float32 or float64/,
    );
    expect(() => padBatch([[1, 2]], { length: 1 })).toThrow(/longer than length 1/);
    expect(memory().numTensors).toBe(before);
  });
});
