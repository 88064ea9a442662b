import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { describe, expect, it } from "vitest";
import { optimizerTestSetup } from "../test-support/optimizer-test-setup.js";
import { Adagrad, type AdagradOptions } from "./adagrad.js";

registerCpuBackend();

const { start, gradientAt, runOptimizer, expectClose } = optimizerTestSetup;

/** PyTorch's _single_tensor_adagrad (dense), written out on plain numbers. */
function referenceAdagrad(options: Required<AdagradOptions>): number[] {
  const {
    learningRate: lr,
    learningRateDecay,
    weightDecay,
    initialAccumulatorValue,
    epsilon,
  } = options;
  let theta = [...start];
  let sum = [initialAccumulatorValue, initialAccumulatorValue, initialAccumulatorValue];
  for (let step = 1; step <= 3; step++) {
    const g = gradientAt(theta).map((x, i) =>
      weightDecay !== 0 ? x + weightDecay * (theta[i] as number) : x,
    );
    const clr = lr / (1 + (step - 1) * learningRateDecay);
    sum = sum.map((s, i) => s + (g[i] as number) * (g[i] as number));
    theta = theta.map(
      (x, i) => x + ((g[i] as number) * -clr) / (Math.sqrt(sum[i] as number) + epsilon),
    );
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
//   print(run(lambda ps: torch.optim.Adagrad(ps, lr=0.1)))
//   print(run(lambda ps: torch.optim.Adagrad(ps, lr=0.1, lr_decay=0.1, weight_decay=0.05,
//                                            initial_accumulator_value=0.1)))
const torchResults: [AdagradOptions, number[]][] = [
  [{ learningRate: 0.1 }, [0.70910082320375, -1.7091008232144151, 1.7764606196271302]],
  [
    { learningRate: 0.1, learningRateDecay: 0.1, weightDecay: 0.05, initialAccumulatorValue: 0.1 },
    [0.6885011672283412, -1.6947230414380121, 1.7937967771777958],
  ],
];

describe("Adagrad", () => {
  it.each(torchResults)("matches the plain-JS PyTorch formula bit for bit: %j", (options) => {
    const expected = referenceAdagrad({
      learningRate: options.learningRate ?? 1e-2,
      learningRateDecay: options.learningRateDecay ?? 0,
      weightDecay: options.weightDecay ?? 0,
      initialAccumulatorValue: options.initialAccumulatorValue ?? 0,
      epsilon: options.epsilon ?? 1e-10,
    });
    expect(runOptimizer((ps) => new Adagrad(ps, options))).toEqual(expected);
  });

  it.each(torchResults)("matches torch.optim.Adagrad after 3 steps: %j", (options, expected) => {
    expectClose(
      runOptimizer((ps) => new Adagrad(ps, options)),
      expected,
    );
  });

  it("first step is −lr·g/(|g| + ε) (hand-computed)", () => {
    expectClose(
      runOptimizer((ps) => new Adagrad(ps, { learningRate: 0.1 }), 1),
      [0.6, -1.6, 1.9],
      1e-9,
    );
  });
});
