import {
  argMax,
  grad,
  logSoftmax,
  logSumExp,
  max,
  mean,
  softmax,
  tensor,
  tidy,
} from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { registerCpuBackend } from "../../register.js";

registerCpuBackend();

describe("max gradient", () => {
  it("splits dy evenly between tied maxima", () => {
    tidy(() => {
      const g = grad((x) => max(x))(tensor([1, 3, 3, 3, -2], [5], "float64"));
      expect([...g.dataSync()]).toEqual([0, 1 / 3, 1 / 3, 1 / 3, 0]);
      const rows = grad((x) => max(x, 1))(tensor([2, 2, 1, 0, 5, 5], [2, 3], "float64"));
      expect([...rows.dataSync()]).toEqual([0.5, 0.5, 0, 0, 0.5, 0.5]);
    });
  });
});

describe("reduction op errors", () => {
  it("max and argMax reject an empty axis; softmax, logSoftmax, mean, logSumExp reject int32", () => {
    tidy(() => {
      const empty = tensor([], [2, 0]);
      expect(() => max(empty, 1)).toThrow("max: cannot reduce over axis 1 of size 0 (x is [2,0])");
      expect(() => argMax(empty)).toThrow("argMax: needs a non-empty axis -1, x is [2,0]");
      expect(() => max(tensor([1, 2], [2]), 1)).toThrow(
        "max: axis 1 is out of range for a tensor of rank 1",
      );
      const ints = tensor([1, 2], [2], "int32");
      for (const f of [softmax, logSoftmax, mean, logSumExp]) {
        expect(() => f(ints)).toThrow(/must be float32 or float64, got int32/);
      }
    });
  });

  it("keeps the dtype of max on every dtype and argMax on int32", () => {
    tidy(() => {
      expect(max(tensor([1, 2], [2], "int32")).dtype).toBe("int32");
      expect(argMax(tensor([1, 2], [2], "float64")).dtype).toBe("int32");
    });
  });
});
