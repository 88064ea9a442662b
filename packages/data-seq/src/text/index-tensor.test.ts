import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { memory, RnnkitError } from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { indexTensor } from "./index-tensor.js";
import { Vocab } from "./vocab.js";

registerCpuBackend();

describe("indexTensor", () => {
  it("makes an int32 [B, T] tensor of encoded texts", () => {
    const vocab = Vocab.fromCorpus("abc");
    const t = indexTensor([vocab.encode("abc"), vocab.encode("cba")]);
    expect(t.dtype).toBe("int32");
    expect(t.shape).toEqual([2, 3]);
    expect(t.arraySync()).toEqual([
      [4, 5, 6],
      [6, 5, 4],
    ]);
    t.dispose();
  });

  it("takes one sequence as [1, T], and typed arrays", () => {
    const one = indexTensor([7, 8]);
    expect(one.shape).toEqual([1, 2]);
    const typed = indexTensor([Int32Array.from([1, 2])]);
    expect(typed.arraySync()).toEqual([[1, 2]]);
    one.dispose();
    typed.dispose();
  });

  it("rejects ragged batches, bad indices and empty input", () => {
    const before = memory().numTensors;
    expect(() => indexTensor([[1, 2], [3]])).toThrow(RnnkitError);
    expect(() => indexTensor([[1, 2], [3]])).toThrow(
      /sequence 1 has 1 steps, sequence 0 has 2; pad them with padBatch/,
    );
    expect(() => indexTensor([[1, -1]])).toThrow(/sequence 0, step 1: -1 is not a valid index/);
    expect(() => indexTensor([[0.5]])).toThrow(/0\.5 is not a valid index/);
    expect(() => indexTensor([])).toThrow(/no sequences given/);
    expect(memory().numTensors).toBe(before);
  });
});
