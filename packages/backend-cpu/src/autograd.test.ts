import {
  add,
  broadcastTo,
  concat,
  dispose,
  div,
  exp,
  grad,
  grads,
  log,
  memory,
  mul,
  registerGradient,
  registerKernel,
  reshape,
  runKernel,
  runKernelMulti,
  scalar,
  sigmoid,
  slice,
  sub,
  sum,
  type Tensor,
  tanh,
  tensor,
  tidy,
  transpose,
  valueAndGrad,
  valueAndGrads,
  variable,
  variableGrads,
} from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import type { CpuBackend } from "./backend-cpu.js";
import { registerCpuBackend } from "./register.js";

registerCpuBackend();

const f64 = (values: number[], shape?: number[]): Tensor =>
  tensor(values, shape ?? [values.length], "float64");

/** Checks shape and values (float64, so results are exact up to rounding). */
function expectTensor(t: Tensor, shape: number[], values: number[]): void {
  expect(t.shape).toEqual(shape);
  const got = [...t.dataSync()];
  expect(got).toHaveLength(values.length);
  got.forEach((g, i) => {
    expect(g, `element ${i}`).toBeCloseTo(values[i] as number, 12);
  });
}

/** Runs `fn` and checks that it leaves no tensor and no data handle behind. */
function expectNoLeak(fn: () => void): void {
  const before = memory();
  fn();
  expect(memory()).toEqual(before);
}

describe("autograd: grad and valueAndGrad", () => {
  it("d/dx sum(x·x) = 2x", () => {
    expectNoLeak(() => {
      const x = f64([1, -2, 3]);
      const g = grad((x) => sum(mul(x, x)))(x);
      expectTensor(g, [3], [2, -4, 6]);
      dispose([x, g]);
    });
  });

  it("d/dx sum(x·x·x) = 3x², through an intermediate the tidy disposes", () => {
    expectNoLeak(() => {
      const x = f64([1, -2, 0.5]);
      const g = grad((x) => sum(mul(mul(x, x), x)))(x);
      expectTensor(g, [3], [3, 12, 0.75]);
      dispose([x, g]);
    });
  });

  it("valueAndGrad returns f(x) and the gradient", () => {
    expectNoLeak(() => {
      const x = f64([1, 2, 3]);
      // f = Σ (x + 1)·x, df/dx = 2x + 1
      const { value, grad: g } = valueAndGrad((x) => sum(mul(add(x, 1), x)))(x);
      expectTensor(value, [], [2 + 6 + 12]);
      expectTensor(g, [3], [3, 5, 7]);
      dispose([x, value, g]);
    });
  });

  it("accumulates the gradient of a tensor used twice", () => {
    expectNoLeak(() => {
      const x = f64([3, -1]);
      const viaMul = grad((x) => mul(x, x))(x); // d(x²)/dx = 2x
      expectTensor(viaMul, [2], [6, -2]);
      const viaAdd = grad((x) => add(x, x))(x); // d(2x)/dx = 2
      expectTensor(viaAdd, [2], [2, 2]);
      // used in two branches: f = x·x + 3x → 2x + 3
      const branches = grad((x) => add(mul(x, x), mul(x, 3)))(x);
      expectTensor(branches, [2], [9, 1]);
      dispose([x, viaMul, viaAdd, branches]);
    });
  });

  it("seeds the backward pass with dy", () => {
    expectNoLeak(() => {
      const x = f64([1, 2, 3]);
      const dy = f64([10, 0, -1]);
      // d/dx Σ x² · dy = 2x · dy
      const g = grad((x) => mul(x, x))(x, dy);
      expectTensor(g, [3], [20, 0, -6]);
      const { value, grads: gs } = valueAndGrads((a, b) => mul(a, b))([x, dy], dy);
      expectTensor(value, [3], [10, 0, -3]);
      expectTensor(gs[0] as Tensor, [3], [100, 0, 1]); // dy·b
      expectTensor(gs[1] as Tensor, [3], [10, 0, -3]); // dy·a
      dispose([x, dy, g, value, gs]);
    });
  });

  it("rejects dy of the wrong shape, leaking nothing", () => {
    const x = f64([1, 2, 3]);
    const dy = f64([1, 2]);
    expectNoLeak(() => {
      expect(() => grad((x) => mul(x, x))(x, dy)).toThrow(
        "grad: dy has shape [2], the function's value has [3]",
      );
    });
    dispose([x, dy]);
  });

  it("rejects an int32 source", () => {
    const x = tensor([1, 2], [2], "int32");
    expectNoLeak(() => {
      expect(() => grad((x) => sum(x))(x)).toThrow(
        "grad: cannot differentiate with respect to a int32 tensor",
      );
    });
    x.dispose();
  });

  it("works in float32", () => {
    const x = tensor([0.5, -1.5]);
    const g = grad((x) => sum(mul(x, x)))(x);
    expect(g.dtype).toBe("float32");
    expect([...g.dataSync()]).toEqual([1, -3]);
    dispose([x, g]);
  });

  it("grad of the identity returns ones and leaves x alone", () => {
    expectNoLeak(() => {
      const x = f64([4, 5]);
      const g = grad((x) => x)(x);
      expect(x.isDisposed).toBe(false);
      expectTensor(g, [2], [1, 1]);
      expectTensor(x, [2], [4, 5]);
      dispose([x, g]);
    });
  });
});

describe("autograd: broadcasting, reshape and reductions", () => {
  it("sums the gradient over broadcast axes", () => {
    expectNoLeak(() => {
      const a = f64([1, 2, 3, 4, 5, 6], [2, 3]);
      const b = f64([10, 20, 30]);
      const c = f64([7], [1, 1]);
      // f = Σ_ij a_ij · b_j · c → df/da_ij = b_j c, df/db_j = c Σ_i a_ij, df/dc = Σ_ij a_ij b_j
      const [ga, gb, gc] = grads((a, b, c) => sum(mul(mul(a, b), c)))([a, b, c]);
      expectTensor(ga as Tensor, [2, 3], [70, 140, 210, 70, 140, 210]);
      expectTensor(gb as Tensor, [3], [35, 49, 63]);
      expectTensor(gc as Tensor, [1, 1], [10 + 40 + 90 + 40 + 100 + 180]);
      dispose([a, b, c, ga, gb, gc]);
    });
  });

  it("a number operand gets no gradient, its tensor partner does", () => {
    expectNoLeak(() => {
      const x = f64([1, 2]);
      // f = Σ 3·(x + 2) → 3
      const g = grad((x) => sum(mul(add(x, 2), 3)))(x);
      expectTensor(g, [2], [3, 3]);
      dispose([x, g]);
    });
  });

  it("differentiates through reshape", () => {
    expectNoLeak(() => {
      const x = f64([1, 2, 3, 4, 5, 6], [2, 3]);
      const w = f64([1, 2, 3, 4, 5, 6], [3, 2]);
      // f = Σ reshape(x, [3,2]) ∘ w → df/dx = reshape(w, [2,3])
      const g = grad((x) => sum(mul(reshape(x, [3, 2]), w)))(x);
      expectTensor(g, [2, 3], [1, 2, 3, 4, 5, 6]);
      // reshape(x, [-1]) then to [3, 2], times x seen as [3, 2]: f = Σ x², df/dx = 2x
      const g2 = grad((x) => {
        const flat = reshape(x, [-1]);
        return sum(mul(reshape(flat, [3, 2]), reshape(x, [3, 2])));
      })(x);
      expectTensor(g2, [2, 3], [2, 4, 6, 8, 10, 12]);
      dispose([x, w, g, g2]);
    });
  });

  it("differentiates sum over axes, with and without keepDims", () => {
    expectNoLeak(() => {
      const x = f64([1, 2, 3, 4, 5, 6], [2, 3]);
      const rowWeights = f64([10, -1]);
      const colWeights = f64([1, 2, 3], [1, 3]);
      // f = Σ_i c_i Σ_j x_ij → df/dx_ij = c_i
      const gRows = grad((x) => sum(mul(sum(x, 1), rowWeights)))(x);
      expectTensor(gRows, [2, 3], [10, 10, 10, -1, -1, -1]);
      // f = Σ_j d_j Σ_i x_ij (keepDims [1,3]) → df/dx_ij = d_j
      const gCols = grad((x) => sum(mul(sum(x, 0, true), colWeights)))(x);
      expectTensor(gCols, [2, 3], [1, 2, 3, 1, 2, 3]);
      // f = (Σ x)² → df/dx = 2 Σ x = 42
      const gSquare = grad((x) => {
        const s = sum(x);
        return mul(s, s);
      })(x);
      expectTensor(gSquare, [2, 3], [42, 42, 42, 42, 42, 42]);
      dispose([x, rowWeights, colWeights, gRows, gCols, gSquare]);
    });
  });

  it("differentiates broadcastTo", () => {
    expectNoLeak(() => {
      const x = f64([1, 2], [2, 1]);
      const w = f64([1, 2, 3, 4, 5, 6], [2, 3]);
      // f = Σ_ij x_i w_ij → df/dx_i = Σ_j w_ij
      const g = grad((x) => sum(mul(broadcastTo(x, [2, 3]), w)))(x);
      expectTensor(g, [2, 1], [6, 15]);
      dispose([x, w, g]);
    });
  });
});

describe("autograd: several sources", () => {
  it("grads gives d/da and d/db", () => {
    expectNoLeak(() => {
      const a = f64([1, 2]);
      const b = f64([3, -4]);
      // f = Σ (a + b)·b → df/da = b, df/db = a + 2b
      const [ga, gb] = grads((a, b) => sum(mul(add(a, b), b)))([a, b]);
      expectTensor(ga as Tensor, [2], [3, -4]);
      expectTensor(gb as Tensor, [2], [7, -6]);
      dispose([a, b, ga, gb]);
    });
  });

  it("a source that does not reach the output gets zeros of its shape and dtype", () => {
    expectNoLeak(() => {
      const a = f64([1, 2]);
      const unused = tensor([1, 2, 3, 4], [2, 2], "float32");
      const [ga, gu] = grads((a) => sum(mul(a, a)))([a, unused]);
      expectTensor(ga as Tensor, [2], [2, 4]);
      expect(gu?.dtype).toBe("float32");
      expectTensor(gu as Tensor, [2, 2], [0, 0, 0, 0]);
      dispose([a, unused, ga, gu]);
    });
  });

  it("an output that depends on no source gives zeros", () => {
    expectNoLeak(() => {
      const x = f64([1, 2]);
      const c = f64([5, 6]);
      const { value, grad: g } = valueAndGrad(() => sum(mul(c, c)))(x);
      expectTensor(value, [], [61]);
      expectTensor(g, [2], [0, 0]);
      dispose([x, c, value, g]);
    });
  });
});

describe("autograd: variables", () => {
  it("variableGrads differentiates trainable variables and skips the others", () => {
    expectNoLeak(() => {
      const w = tidy(() => variable(f64([2, 3]), { name: "w" }));
      const b = tidy(() => variable(f64([1]), { name: "b" }));
      const frozen = tidy(() => variable(f64([10, 20]), { name: "frozen", trainable: false }));
      const x = f64([4, 5]);
      // loss = Σ (w·x + b)·frozen → dL/dw = x·frozen, dL/db = Σ frozen
      const { value, grads: gs } = variableGrads(
        () => sum(mul(add(mul(w, x), b), frozen)),
        [w, b, frozen],
      );
      expectTensor(value, [], [(8 + 1) * 10 + (15 + 1) * 20]);
      expect([...gs.keys()]).toEqual([w, b]);
      expectTensor(gs.get(w) as Tensor, [2], [40, 100]);
      expectTensor(gs.get(b) as Tensor, [1], [30]);
      // flipping trainable changes what is differentiated
      frozen.trainable = true;
      const second = variableGrads(() => sum(mul(add(mul(w, x), b), frozen)), [w, b, frozen]);
      expectTensor(second.grads.get(frozen) as Tensor, [2], [9, 16]);
      dispose([w, b, frozen, x, value, gs, second]);
    });
  });

  it("a variable updated from its gradient keeps training (a tiny descent loop)", () => {
    expectNoLeak(() => {
      const w = tidy(() => variable(f64([5, -3]), { name: "w" }));
      // loss = Σ w², w ← w − 0.25 · 2w = w / 2
      for (let step = 0; step < 3; step++) {
        const { value, grads: gs } = variableGrads(() => sum(mul(w, w)), [w]);
        const next = tidy(() => add(w, mul(gs.get(w) as Tensor, -0.25)));
        w.assign(next);
        dispose([value, gs, next]);
      }
      expectTensor(w, [2], [5 / 8, -3 / 8]);
      w.dispose();
    });
  });
});

describe("autograd: the tape and memory", () => {
  it("tensors saved by the tape and disposed inside f stay valid until backward", () => {
    expectNoLeak(() => {
      const x = f64([1, 2, 3]);
      let square: Tensor | undefined;
      const g = grad((x) => {
        square = mul(x, x);
        const cube = mul(square, x);
        square.dispose();
        return sum(cube);
      })(x);
      expect(square?.isDisposed).toBe(true);
      expectTensor(g, [3], [3, 12, 27]);
      dispose([x, g]);
    });
  });

  it("frees everything after the value and the grads are disposed", () => {
    const x = f64([0.5, 1.5, -2]);
    const y = f64([1, 2, 3]);
    const before = memory();
    const { value, grads: gs } = valueAndGrads((x, y) => {
      let h = x;
      for (let i = 0; i < 5; i++) h = add(mul(h, y), reshape(x, [1, 3]));
      return sum(mul(h, h));
    })([x, y]);
    // the value and the two gradients are the only survivors
    expect(memory().numTensors).toBe(before.numTensors + 3);
    expect(memory().numDataIds).toBe(before.numDataIds + 3);
    dispose([value, gs]);
    expect(memory()).toEqual(before);
    dispose([x, y]);
  });

  it("a grad inside tidy leaks nothing", () => {
    expectNoLeak(() => {
      const x = f64([1, 2]);
      const values = tidy(() => grad((x) => sum(mul(mul(x, x), x)))(x).dataSync());
      expect([...values]).toEqual([3, 12]);
      x.dispose();
    });
  });

  it("ops run after grad are not recorded", () => {
    expectNoLeak(() => {
      const x = f64([1, 2]);
      grad((x) => sum(x))(x).dispose();
      const y = mul(x, x);
      y.dispose();
      expect(y.isDisposed).toBe(true);
      expect(y.pins).toBe(0);
      x.dispose();
    });
  });

  it("an error inside f propagates and leaks nothing", () => {
    const x = f64([1, 2]);
    expectNoLeak(() => {
      expect(() =>
        grad((x) => {
          mul(mul(x, x), x);
          throw new Error("inside f");
        })(x),
      ).toThrow("inside f");
    });
    // the tape is gone: a later grad is unaffected
    const g = grad((x) => sum(mul(x, x)))(x);
    expectTensor(g, [2], [2, 4]);
    dispose([x, g]);
  });

  it("a kernel without a gradient fails the backward pass, naming the kernel, leaking nothing", () => {
    // identity kernel that shares its input's data, with no GradConfig
    registerKernel({
      kernelName: "TestNoGradient",
      backendName: "cpu",
      kernelFunc: ({ inputs }) => inputs.x as Tensor,
    });
    const x = f64([1, 2]);
    expectNoLeak(() => {
      expect(() => grad((x) => sum(mul(runKernel("TestNoGradient", { x }), x)))(x)).toThrow(
        'grad: no gradient is registered for kernel "TestNoGradient"',
      );
    });
    x.dispose();
  });
});

describe("autograd: higher order", () => {
  it("grad(grad(x → x³)) = 6x", () => {
    expectNoLeak(() => {
      const x = f64([1, -2, 0.5]);
      const d1 = grad((x) => mul(mul(x, x), x));
      const d2 = grad((x) => d1(x));
      const first = d1(x);
      expectTensor(first, [3], [3, 12, 0.75]);
      const second = d2(x);
      expectTensor(second, [3], [6, -12, 3]);
      // third order: d/dx 6x = 6
      const third = grad((x) => d2(x))(x);
      expectTensor(third, [3], [6, 6, 6]);
      dispose([x, first, second, third]);
    });
  });

  it("mixes first-order gradients into a second function", () => {
    expectNoLeak(() => {
      const x = scalar(2, "float64");
      // h(x) = x · f'(x) with f = x³ → h = 3x³, h' = 9x² = 36
      const h = grad((x) => mul(grad((x) => mul(mul(x, x), x))(x), x))(x);
      expectTensor(h, [], [36]);
      dispose([x, h]);
    });
  });
});

describe("autograd: multi-output kernels", () => {
  // A test kernel with two outputs, [2x, 3x]; its gradient is 2·dy0 + 3·dy1.
  registerKernel<CpuBackend>({
    kernelName: "TestTwoOutputs",
    backendName: "cpu",
    kernelFunc: ({ inputs, backend }) => {
      const x = backend.values(inputs.x as Tensor);
      const doubled = x.map((v) => 2 * v);
      const tripled = x.map((v) => 3 * v);
      const { shape, dtype } = inputs.x as Tensor;
      return [backend.makeOutput(doubled, shape, dtype), backend.makeOutput(tripled, shape, dtype)];
    },
  });
  registerGradient({
    kernelName: "TestTwoOutputs",
    gradFunc: (_dy, { dys }) => ({
      x: () => add(mul(dys[0] as Tensor, 2), mul(dys[1] as Tensor, 3)),
    }),
  });
  const twoOutputs = (x: Tensor): Tensor[] => runKernelMulti("TestTwoOutputs", { x });

  it("passes zeros for the outputs that do not reach the loss", () => {
    expectNoLeak(() => {
      const x = f64([1, 2]);
      const first = grad((x) => sum(twoOutputs(x)[0] as Tensor))(x);
      expectTensor(first, [2], [2, 2]);
      const second = grad((x) => sum(twoOutputs(x)[1] as Tensor))(x);
      expectTensor(second, [2], [3, 3]);
      // f = Σ out0 · out1 = Σ 6x² → 12x
      const both = grad((x) => {
        const [a, b] = twoOutputs(x);
        return sum(mul(a as Tensor, b as Tensor));
      })(x);
      expectTensor(both, [2], [12, 24]);
      dispose([x, first, second, both]);
    });
  });
});

describe("autograd: composites of the other ops", () => {
  it("exp, log, tanh and sigmoid", () => {
    expectNoLeak(() => {
      const values = [0.5, 1, 2];
      const x = f64(values);
      // d/dx e^x = e^x; d/dx ln x = 1/x; d/dx tanh x = 1 − tanh² x; d/dx σ(x) = σ(x)(1 − σ(x))
      const gExp = grad((x) => sum(exp(x)))(x);
      expectTensor(gExp, [3], values.map(Math.exp));
      const gLog = grad((x) => sum(log(x)))(x);
      expectTensor(
        gLog,
        [3],
        values.map((v) => 1 / v),
      );
      const gTanh = grad((x) => sum(tanh(x)))(x);
      expectTensor(
        gTanh,
        [3],
        values.map((v) => 1 - Math.tanh(v) ** 2),
      );
      const gSigmoid = grad((x) => sum(sigmoid(x)))(x);
      const s = (v: number): number => 1 / (1 + Math.exp(-v));
      expectTensor(
        gSigmoid,
        [3],
        values.map((v) => s(v) * (1 - s(v))),
      );
      // chain rule: d/dx ln(e^x · x) = 1 + 1/x
      const gChain = grad((x) => sum(log(mul(exp(x), x))))(x);
      expectTensor(
        gChain,
        [3],
        values.map((v) => 1 + 1 / v),
      );
      dispose([x, gExp, gLog, gTanh, gSigmoid, gChain]);
    });
  });

  it("sub and div with broadcasting", () => {
    expectNoLeak(() => {
      const a = f64([1, 2, 3, 4], [2, 2]);
      const b = f64([2, 4]);
      // f = Σ_ij (a_ij − b_j) → 1, −2 (b_j is used by two rows)
      const [gaSub, gbSub] = grads((a, b) => sum(sub(a, b)))([a, b]);
      expectTensor(gaSub as Tensor, [2, 2], [1, 1, 1, 1]);
      expectTensor(gbSub as Tensor, [2], [-2, -2]);
      // f = Σ_ij a_ij / b_j → 1/b_j, −Σ_i a_ij / b_j²
      const [gaDiv, gbDiv] = grads((a, b) => sum(div(a, b)))([a, b]);
      expectTensor(gaDiv as Tensor, [2, 2], [0.5, 0.25, 0.5, 0.25]);
      expectTensor(gbDiv as Tensor, [2], [-(1 + 3) / 4, -(2 + 4) / 16]);
      dispose([a, b, gaSub, gbSub, gaDiv, gbDiv]);
    });
  });

  it("transpose, slice and concat route the gradient back to the right elements", () => {
    expectNoLeak(() => {
      const x = f64([1, 2, 3, 4, 5, 6], [2, 3]);
      const w = f64([10, 20, 30, 40, 50, 60], [3, 2]);
      // f = Σ xᵀ ∘ w → df/dx = wᵀ
      const gT = grad((x) => sum(mul(transpose(x), w)))(x);
      expectTensor(gT, [2, 3], [10, 30, 50, 20, 40, 60]);
      // f = Σ x[:, 1:3]² → 2x inside the block, 0 outside
      const gS = grad((x) => {
        const block = slice(x, [0, 1], [2, 2]);
        return sum(mul(block, block));
      })(x);
      expectTensor(gS, [2, 3], [0, 4, 6, 0, 10, 12]);
      // f = Σ concat([x, 2x], 0) ∘ v → df/dx = v_top + 2 v_bottom
      const v = f64([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [4, 3]);
      const gC = grad((x) => sum(mul(concat([x, mul(x, 2)], 0), v)))(x);
      expectTensor(gC, [2, 3], [1 + 14, 2 + 16, 3 + 18, 4 + 20, 5 + 22, 6 + 24]);
      dispose([x, w, v, gT, gS, gC]);
    });
  });
});

describe("gradients are distinct tensors", () => {
  it("two inputs that receive the same gradient get separate handles (dispose one, use the other)", () => {
    const a = tensor([1, 2], [2], "float64");
    const b = tensor([3, 4], [2], "float64");
    const gs = grads((x, y) => sum(add(x, y)))([a, b]);
    expect(gs[0]).not.toBe(gs[1]);
    gs[0]?.dispose();
    expect(Array.from(gs[1]?.dataSync() ?? [])).toEqual([1, 1]);
    gs[1]?.dispose();
    dispose([a, b]);
  });
});
