import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { tensor, variable } from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { optimizerTestSetup } from "../test-support/optimizer-test-setup.js";
import { Adam, type AdamOptions } from "./adam.js";

registerCpuBackend();

const { start, gradientAt, runOptimizer, expectClose } = optimizerTestSetup;

/** PyTorch's _single_tensor_adam (amsgrad off), written out on plain numbers. */
function referenceAdam(
  lr: number,
  [beta1, beta2]: [number, number],
  eps: number,
  weightDecay: number,
): number[] {
  let theta = [...start];
  let m = [0, 0, 0];
  let v = [0, 0, 0];
  for (let step = 1; step <= 3; step++) {
    const g = gradientAt(theta).map((x, i) =>
      weightDecay !== 0 ? x + weightDecay * (theta[i] as number) : x,
    );
    m = m.map((mi, i) => mi * beta1 + (g[i] as number) * (1 - beta1));
    v = v.map((vi, i) => vi * beta2 + (g[i] as number) * (1 - beta2) * (g[i] as number));
    const stepSize = lr / (1 - beta1 ** step);
    const correction2 = Math.sqrt(1 - beta2 ** step);
    theta = theta.map((x, i) => {
      const denominator = Math.sqrt(v[i] as number) / correction2 + eps;
      return x + ((m[i] as number) * -stepSize) / denominator;
    });
  }
  return theta;
}

// Pasted output of this script (torch 1.13.0a0, `/usr/bin/python3 torch_ref.py`):
//   import torch
//   torch.set_default_dtype(torch.float64)
//   a = torch.tensor([1.0, 3.0, 0.5]); t = torch.tensor([1.0, -2.0, 0.25])
//   def run(make):
//       p = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)
//       opt = make([p])
//       for _ in range(3):
//           p.grad = 2 * a * (p.detach() - t)
//           opt.step()
//       return [repr(v) for v in p.detach().tolist()]
//   print(run(lambda ps: torch.optim.Adam(ps, lr=0.1)))
//   print(run(lambda ps: torch.optim.Adam(ps, lr=0.1, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1)))
const torchResults: [AdamOptions, number[]][] = [
  [{ learningRate: 0.1 }, [0.7951287474397004, -1.7951287495591348, 1.7007384011225366]],
  [
    { learningRate: 0.1, betas: [0.8, 0.99], epsilon: 1e-6, weightDecay: 0.1 },
    [0.7915439216976504, -1.7919795639875251, 1.701308386245238],
  ],
];

describe("Adam", () => {
  it.each(torchResults)("matches the plain-JS PyTorch formula bit for bit: %j", (options) => {
    const [beta1, beta2] = options.betas ?? [0.9, 0.999];
    const expected = referenceAdam(
      options.learningRate ?? 1e-3,
      [beta1, beta2],
      options.epsilon ?? 1e-8,
      options.weightDecay ?? 0,
    );
    expect(runOptimizer((ps) => new Adam(ps, options))).toEqual(expected);
  });

  it.each(torchResults)("matches torch.optim.Adam after 3 steps: %j", (options, expected) => {
    expectClose(
      runOptimizer((ps) => new Adam(ps, options)),
      expected,
    );
  });

  it("first step moves each coordinate by about lr·sign(g) (bias correction, hand-computed)", () => {
    // step 1: m̂ = g, v̂ = g², so Δθ = −lr·g / (|g| + ε) ≈ −lr·sign(g); g0 = [−1, 3, 1.75]
    expectClose(
      runOptimizer((ps) => new Adam(ps, { learningRate: 0.1 }), 1),
      [0.6, -1.6, 1.9],
      1e-7,
    );
  });

  it("rejects betas outside [0, 1)", () => {
    const p = variable(tensor([1, 2]));
    expect(() => new Adam([p], { betas: [0.9, 1] })).toThrow(
      "Adam: betas[1] must be a number in [0, 1), got 1",
    );
    p.dispose();
  });
});
