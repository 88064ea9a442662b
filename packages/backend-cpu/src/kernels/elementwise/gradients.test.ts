// Gradient behaviour the float64 conformance checks cannot see: ties, kinks, int32 outputs.
import {
  cast,
  clip,
  equal,
  getGradient,
  grad,
  grads,
  greater,
  greaterEqual,
  kernels,
  less,
  lessEqual,
  maximum,
  memory,
  minimum,
  mul,
  pow,
  relu,
  sum,
  type Tensor,
  tensor,
  tidy,
  where,
} from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { registerCpuBackend } from "../../register.js";

registerCpuBackend();

const values = (t: Tensor): number[] => [...t.dataSync()];

describe("element-wise gradients on the cpu backend", () => {
  it("maximum / minimum send dy to a on ties, to b elsewhere", () => {
    tidy(() => {
      const a = tensor([1, 2, 3], [3], "float64");
      const b = tensor([1, 5, 0], [3], "float64");
      const [daMax, dbMax] = grads((x, y) => sum(maximum(x, y)))([a, b]) as [Tensor, Tensor];
      expect(values(daMax)).toEqual([1, 0, 1]);
      expect(values(dbMax)).toEqual([0, 1, 0]);
      const [daMin, dbMin] = grads((x, y) => sum(minimum(x, y)))([a, b]) as [Tensor, Tensor];
      expect(values(daMin)).toEqual([1, 1, 0]);
      expect(values(dbMin)).toEqual([0, 0, 1]);
    });
  });

  it("relu has gradient 0 at 0; clip passes dy on [min, max] inclusive", () => {
    tidy(() => {
      const x = tensor([-1, 0, 2], [3], "float64");
      expect(values(grad((v) => sum(relu(v)))(x))).toEqual([0, 0, 1]);
      const y = tensor([-2, -1, 0, 1, 3], [5], "float64");
      expect(values(grad((v) => sum(clip(v, -1, 1)))(y))).toEqual([0, 1, 1, 1, 0]);
    });
  });

  it("where sums dy over the axes a and b were broadcast along", () => {
    tidy(() => {
      const condition = tensor([1, 0, 1], [3], "int32");
      const a = tensor([5], [1], "float64");
      const b = tensor([1, 2, 3, 4, 5, 6], [2, 3], "float64");
      const [da, db] = grads((x, y) => sum(where(condition, x, y)))([a, b]) as [Tensor, Tensor];
      expect(values(da)).toEqual([4]); // two rows × two true columns
      expect(values(db)).toEqual([0, 1, 0, 0, 1, 0]);
    });
  });

  it("pow: the exponent gets 0 (not NaN) where the base is ≤ 0", () => {
    tidy(() => {
      const a = tensor([-2, 0, 2], [3], "float64");
      const b = tensor([2, 2, 2], [3], "float64");
      const [da, db] = grads((x, y) => sum(pow(x, y)))([a, b]) as [Tensor, Tensor];
      expect(values(da)).toEqual([-4, 0, 4]); // b·a^(b−1)
      const g = values(db);
      expect(g.slice(0, 2)).toEqual([0, 0]);
      expect(g[2]).toBeCloseTo(4 * Math.LN2, 14); // aᵇ·log a
    });
  });

  it("a cast to int32 stops the gradient; a float cast returns dy in the input's dtype", () => {
    tidy(() => {
      const x = tensor([1.5, -2.5], [2], "float64");
      const viaInt = grad((v) => sum(mul(cast(cast(v, "int32"), "float64"), v)))(x);
      // d/dv Σ trunc(v)·v with trunc held constant = trunc(v)
      expect(values(viaInt)).toEqual([1, -2]);
      const x32 = tensor([1, 2], [2], "float32");
      const g = grad((v) => sum(mul(cast(v, "float64"), 3)))(x32);
      expect(g.dtype).toBe("float32");
      expect(values(g)).toEqual([3, 3]);
    });
  });

  it("comparisons: their GradConfigs give zeros of each input's shape", () => {
    const before = memory();
    tidy(() => {
      const a = tensor([1, 2, 3, 4, 5, 6], [2, 3], "float32");
      const b = tensor([1, 2, 3], [3], "float32");
      for (const [name, op] of [
        [kernels.Greater, greater],
        [kernels.GreaterEqual, greaterEqual],
        [kernels.Less, less],
        [kernels.LessEqual, lessEqual],
        [kernels.Equal, equal],
      ] as const) {
        const y = op(a, b);
        expect(y.dtype).toBe("int32");
        const config = getGradient(name);
        expect(config, name).toBeDefined();
        const dy = tensor([1, 1, 1, 1, 1, 1], [2, 3], "float32");
        const thunks = config?.gradFunc(dy, {
          inputs: { a, b },
          outputs: [y],
          attrs: {},
          dys: [dy],
        });
        const da = thunks?.a?.() as Tensor;
        const db = thunks?.b?.() as Tensor;
        expect([da.shape, db.shape]).toEqual([[2, 3], [3]]);
        expect([...values(da), ...values(db)].every((v) => v === 0)).toBe(true);
      }
    });
    expect(memory()).toEqual(before);
  });
});
