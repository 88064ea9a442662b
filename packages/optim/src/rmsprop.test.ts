import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { describe, expect, it } from "vitest";
import { optimizerTestSetup } from "../test-support/optimizer-test-setup.js";
import { RMSprop, type RMSpropOptions } from "./rmsprop.js";

registerCpuBackend();

const { start, gradientAt, runOptimizer, expectClose } = optimizerTestSetup;

/** PyTorch's _single_tensor_rmsprop, written out on plain numbers (per coordinate). */
function referenceRmsprop(options: Required<RMSpropOptions>): number[] {
  const { learningRate: lr, alpha, epsilon, momentum, centered, weightDecay } = options;
  const theta = [...start];
  const square = [0, 0, 0];
  const gradAvg = [0, 0, 0];
  const buffer = [0, 0, 0];
  for (let s = 0; s < 3; s++) {
    const grads = gradientAt(theta);
    for (let i = 0; i < 3; i++) {
      const g =
        weightDecay !== 0
          ? (grads[i] as number) + weightDecay * (theta[i] as number)
          : (grads[i] as number);
      square[i] = (square[i] as number) * alpha + g * (1 - alpha) * g;
      let avg: number;
      if (centered) {
        gradAvg[i] = (gradAvg[i] as number) * alpha + g * (1 - alpha);
        avg =
          Math.sqrt((square[i] as number) - (gradAvg[i] as number) * (gradAvg[i] as number)) +
          epsilon;
      } else {
        avg = Math.sqrt(square[i] as number) + epsilon;
      }
      if (momentum > 0) {
        buffer[i] = (buffer[i] as number) * momentum + g / avg;
        theta[i] = (theta[i] as number) + (buffer[i] as number) * -lr;
      } else {
        theta[i] = (theta[i] as number) + (g * -lr) / avg;
      }
    }
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
//   print(run(lambda ps: torch.optim.RMSprop(ps, lr=0.01)))
//   print(run(lambda ps: torch.optim.RMSprop(ps, lr=0.01, momentum=0.9, centered=True, weight_decay=0.1)))
const torchResults: [RMSpropOptions, number[]][] = [
  [{ learningRate: 0.01 }, [0.7095667736789566, -1.7095667843876712, 1.7759880984383076]],
  [
    { learningRate: 0.01, momentum: 0.9, centered: true, weightDecay: 0.1 },
    [0.9240779572414629, -1.9257857639646552, 1.5417717342377626],
  ],
];

describe("RMSprop", () => {
  it.each(torchResults)("matches the plain-JS PyTorch formula bit for bit: %j", (options) => {
    const expected = referenceRmsprop({
      learningRate: options.learningRate ?? 1e-2,
      alpha: options.alpha ?? 0.99,
      epsilon: options.epsilon ?? 1e-8,
      momentum: options.momentum ?? 0,
      centered: options.centered ?? false,
      weightDecay: options.weightDecay ?? 0,
    });
    expect(runOptimizer((ps) => new RMSprop(ps, options))).toEqual(expected);
  });

  it.each(torchResults)("matches torch.optim.RMSprop after 3 steps: %j", (options, expected) => {
    expectClose(
      runOptimizer((ps) => new RMSprop(ps, options)),
      expected,
    );
  });

  it("first step is −lr·g / (√((1 − α)·g²) + ε) (hand-computed)", () => {
    // √(0.01·g²) = 0.1·|g|, so Δθ = −0.01·sign(g)/0.1 = −0.1·sign(g); g0 = [−1, 3, 1.75]
    expectClose(
      runOptimizer((ps) => new RMSprop(ps, { learningRate: 0.01 }), 1),
      [0.6, -1.6, 1.9],
      1e-7,
    );
  });
});
