import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { memory, RnnkitError, tensor } from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { oneHotTensor } from "./one-hot-tensor.js";

registerCpuBackend();

describe("oneHotTensor", () => {
  it("makes a float [B, T, V] one-hot tensor from index sequences", () => {
    const before = memory().numTensors;
    const t = oneHotTensor(
      [
        [1, 0],
        [2, 2],
      ],
      3,
    );
    expect(t.dtype).toBe("float32");
    expect(t.shape).toEqual([2, 2, 3]);
    expect(t.arraySync()).toEqual([
      [
        [0, 1, 0],
        [1, 0, 0],
      ],
      [
        [0, 0, 1],
        [0, 0, 1],
      ],
    ]);
    t.dispose();
    expect(memory().numTensors).toBe(before); // the int32 intermediate is freed
  });

  it("takes an int32 tensor and a float64 dtype", () => {
    const indices = tensor([0, 1], [1, 2], "int32");
    const t = oneHotTensor(indices, 2, "float64");
    expect(t.dtype).toBe("float64");
    expect(t.arraySync()).toEqual([
      [
        [1, 0],
        [0, 1],
      ],
    ]);
    t.dispose();
    indices.dispose();
  });

  it("rejects an index outside the vocabulary, a bad depth and int32", () => {
    const before = memory().numTensors;
    expect(() => oneHotTensor([[0, 3]], 3)).toThrow(RnnkitError);
    expect(() => oneHotTensor([[0]], 0)).toThrow(
      /depth \(the vocabulary size\) must be a positive integer, got 0/,
    );
    expect(() => oneHotTensor([[0]], 2, "int32")).toThrow(/dtype must be float32 or float64/);
    expect(memory().numTensors).toBe(before);
  });
});
