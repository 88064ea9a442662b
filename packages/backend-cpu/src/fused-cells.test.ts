import {
  add,
  grads,
  gruCell,
  lstmCell,
  memory,
  Rng,
  sum,
  type Tensor,
  tensor,
  tidy,
} from "@rnnkit/core-tensor";
import { checkGradient } from "@rnnkit/core-tensor/testing";
import { describe, expect, it } from "vitest";
import { registerCpuBackend } from "./register.js";

registerCpuBackend();

const STEPS = 5;

/** Uniform values in [−scale, scale) from a seeded generator, as a checkGradient input. */
function uniform(rng: Rng, shape: number[], scale: number): { values: number[]; shape: number[] } {
  const size = shape.reduce((a, b) => a * b, 1);
  return { values: Array.from({ length: size }, () => (2 * rng.next() - 1) * scale), shape };
}

function allFinite(ts: readonly Tensor[]): boolean {
  return ts.every((t) => t.dataSync().every((v) => Number.isFinite(v)));
}

describe("fused cells unrolled over 5 steps: gradient of a loss over every step's h", () => {
  const B = 2;
  const H = 3;

  it("lstmCell: W_hh, h0, c0 and each step's xProj", () => {
    const rng = new Rng(11);
    const inputs = [
      uniform(rng, [4 * H, H], 0.6),
      uniform(rng, [B, H], 0.8),
      uniform(rng, [B, H], 1.5),
      ...Array.from({ length: STEPS }, () => uniform(rng, [B, 4 * H], 1.2)),
    ];
    const result = checkGradient((w, h0, c0, ...xs) => {
      let h = h0 as Tensor;
      let c = c0 as Tensor;
      const hs: Tensor[] = [];
      for (const x of xs) {
        ({ h, c } = lstmCell(x, h, c, w as Tensor));
        hs.push(h);
      }
      return hs;
    }, inputs);
    expect(result.checked).toBe(4 * H * H + 2 * B * H + STEPS * B * 4 * H);
  });

  for (const resetAfter of [true, false]) {
    it(`gruCell (resetAfter ${resetAfter}): W_hh, b_hh, h0 and each step's xProj`, () => {
      const rng = new Rng(resetAfter ? 12 : 13);
      const inputs = [
        uniform(rng, [3 * H, H], 0.6),
        uniform(rng, [3 * H], 0.5),
        uniform(rng, [B, H], 0.8),
        ...Array.from({ length: STEPS }, () => uniform(rng, [B, 3 * H], 1.2)),
      ];
      const result = checkGradient((w, b, h0, ...xs) => {
        let h = h0 as Tensor;
        const hs: Tensor[] = [];
        for (const x of xs) {
          h = gruCell(x, h, w as Tensor, b as Tensor, { resetAfter });
          hs.push(h);
        }
        return hs;
      }, inputs);
      expect(result.checked).toBe(3 * H * H + 3 * H + B * H + STEPS * B * 3 * H);
    });
  }
});

describe("fused cells: saturation (inputs ±1000)", () => {
  for (const dtype of ["float32", "float64"] as const) {
    it(`lstmCell stays finite and reaches the saturated values (${dtype})`, () => {
      tidy(() => {
        const H = 2;
        const x = tensor(
          [...Array(4 * H).fill(1000), ...Array(4 * H).fill(-1000)],
          [2, 4 * H],
          dtype,
        );
        const h = tensor([1000, -1000, -1000, 1000], [2, H], dtype);
        const c = tensor([0, 0, 1000, -1000], [2, H], dtype);
        const w = tensor(
          Array.from({ length: 4 * H * H }, (_, i) => (i % 3) - 1),
          [4 * H, H],
          dtype,
        );
        const out = lstmCell(x, h, c, w);
        const hv = Array.from(out.h.dataSync());
        const cv = Array.from(out.c.dataSync());
        expect(allFinite([out.h, out.c])).toBe(true);
        // |h'| = |o∘tanh(c')| ≤ 1 and |c'| ≤ |c| + 1
        for (const v of hv) expect(Math.abs(v)).toBeLessThanOrEqual(1);
        for (const v of cv) expect(Math.abs(v)).toBeLessThanOrEqual(1001);
        const g = grads((a, b, d, e) => {
          const r = lstmCell(a, b, d, e);
          return sum(add(r.h, r.c));
        })([x, h, c, w]);
        expect(allFinite(g)).toBe(true);
      });
    });

    it(`lstmCell at ±1000 with h = 0 gives exactly the saturated cell (${dtype})`, () => {
      tidy(() => {
        const H = 2;
        const x = tensor(
          [...Array(4 * H).fill(1000), ...Array(4 * H).fill(-1000)],
          [2, 4 * H],
          dtype,
        );
        const zero = tensor([0, 0, 0, 0], [2, H], dtype);
        const w = tensor(Array(4 * H * H).fill(0.5), [4 * H, H], dtype);
        const out = lstmCell(x, zero, zero, w);
        // i = f = g = o = 1: c' = 1, h' = tanh 1;  i = f = o = 0, g = −1: c' = 0, h' = 0
        expect(Array.from(out.c.dataSync())).toEqual([1, 1, 0, 0]);
        const tanh1 = dtype === "float32" ? Math.fround(Math.tanh(1)) : Math.tanh(1);
        expect(Array.from(out.h.dataSync())).toEqual([tanh1, tanh1, 0, 0]);
      });
    });

    for (const resetAfter of [true, false]) {
      it(`gruCell (resetAfter ${resetAfter}) stays finite (${dtype})`, () => {
        tidy(() => {
          const H = 2;
          const x = tensor(
            Array.from({ length: 2 * 3 * H }, (_, i) => (i % 2 === 0 ? 1000 : -1000)),
            [2, 3 * H],
            dtype,
          );
          const h = tensor([0.5, -0.5, 1, -1], [2, H], dtype);
          const w = tensor(
            Array.from({ length: 3 * H * H }, (_, i) => ((i % 5) - 2) * 400),
            [3 * H, H],
            dtype,
          );
          const b = tensor([1000, -1000, 1000, -1000, 1000, -1000], [3 * H], dtype);
          const hNew = gruCell(x, h, w, b, { resetAfter });
          expect(allFinite([hNew])).toBe(true);
          for (const v of hNew.dataSync()) expect(Math.abs(v)).toBeLessThanOrEqual(1);
          const g = grads((a, hh, ww, bb) => gruCell(a, hh, ww, bb, { resetAfter }))([x, h, w, b]);
          expect(allFinite(g)).toBe(true);
        });
      });
    }
  }
});

describe("fused cells: argument checks", () => {
  const f32 = (shape: number[]) => tensor(Array(shape.reduce((a, b) => a * b, 1)).fill(0.1), shape);

  it("lstmCell names the argument, the expected and the received shapes", () => {
    tidy(() => {
      const h = f32([2, 3]);
      const w = f32([12, 3]);
      expect(() => lstmCell(f32([2, 10]), h, h, w)).toThrow(
        "lstmCell: xProj must be [B,4H] = [2,12], got [2,10]",
      );
      expect(() => lstmCell(f32([2, 12]), h, f32([3, 3]), w)).toThrow(
        "lstmCell: c must be [B,H] = [2,3], got [3,3]",
      );
      expect(() => lstmCell(f32([2, 12]), h, h, f32([3, 12]))).toThrow(
        "lstmCell: weightHh must be [4H,H] = [12,3], got [3,12]",
      );
      expect(() => lstmCell(f32([2, 12]), f32([6]), h, w)).toThrow(
        "lstmCell: h must be [B,H] (rank 2), got [6]",
      );
    });
  });

  it("gruCell names the argument, the expected and the received shapes", () => {
    tidy(() => {
      const h = f32([1, 2]);
      expect(() => gruCell(f32([1, 6]), h, f32([6, 2]), f32([2, 3]))).toThrow(
        "gruCell: biasHh must be [3H] = [6], got [2,3]",
      );
      expect(() => gruCell(f32([1, 8]), h, f32([6, 2]), f32([6]))).toThrow(
        "gruCell: xProj must be [B,3H] = [1,6], got [1,8]",
      );
      expect(() => gruCell(f32([1, 6]), h, f32([8, 2]), f32([6]))).toThrow(
        "gruCell: weightHh must be [3H,H] = [6,2], got [8,2]",
      );
    });
  });

  it("rejects mixed dtypes and int32", () => {
    tidy(() => {
      const h = f32([1, 2]);
      const h64 = tensor([0, 0], [1, 2], "float64");
      expect(() => lstmCell(f32([1, 8]), h64, h, f32([8, 2]))).toThrow(
        "lstmCell: dtypes differ: xProj is float32, h is float64",
      );
      const int = tensor([0, 0, 0, 0, 0, 0], [6], "int32");
      expect(() => gruCell(f32([1, 6]), h, f32([6, 2]), int)).toThrow(
        'gruCell: argument "biasHh" must be float32 or float64, got int32',
      );
    });
  });

  it("returns only the new state: the saved gates are freed without a gradient tape", () => {
    const h = f32([2, 3]);
    const inputs = [f32([2, 12]), h, f32([12, 3])];
    const before = memory().numTensors;
    const out = lstmCell(inputs[0] as Tensor, h, h, inputs[2] as Tensor);
    expect(memory().numTensors).toBe(before + 2);
    const g = gruCell(f32([2, 9]), h, f32([9, 3]), f32([9]));
    expect(memory().numTensors).toBe(before + 2 + 3 + 1);
    for (const t of [out.h, out.c, g, ...inputs]) t.dispose();
  });
});

describe("fused cells: float32 agrees with float64", () => {
  it("lstmCell and gruCell on B=4, H=8 random inputs", () => {
    tidy(() => {
      const rng = new Rng(3);
      const B = 4;
      const H = 8;
      const draw = (n: number, scale: number) =>
        Array.from({ length: n }, () => (2 * rng.next() - 1) * scale);
      const x4 = draw(B * 4 * H, 2);
      const x3 = draw(B * 3 * H, 2);
      const hv = draw(B * H, 1);
      const cv = draw(B * H, 2);
      const w4 = draw(4 * H * H, 0.5);
      const w3 = draw(3 * H * H, 0.5);
      const bv = draw(3 * H, 0.5);
      const run = (dtype: "float32" | "float64"): Tensor[] => {
        const h = tensor(hv, [B, H], dtype);
        const lstm = lstmCell(
          tensor(x4, [B, 4 * H], dtype),
          h,
          tensor(cv, [B, H], dtype),
          tensor(w4, [4 * H, H], dtype),
        );
        const gru = [true, false].map((resetAfter) =>
          gruCell(
            tensor(x3, [B, 3 * H], dtype),
            h,
            tensor(w3, [3 * H, H], dtype),
            tensor(bv, [3 * H], dtype),
            { resetAfter },
          ),
        );
        return [lstm.h, lstm.c, ...gru];
      };
      const single = run("float32");
      const double = run("float64");
      single.forEach((t, k) => {
        const want = (double[k] as Tensor).dataSync();
        t.dataSync().forEach((v, i) => {
          expect(Math.abs(v - (want[i] as number))).toBeLessThan(1e-5);
        });
      });
    });
  });
});
