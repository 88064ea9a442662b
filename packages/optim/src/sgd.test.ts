import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { memory, tensor, variable } from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { optimizerTestSetup } from "../test-support/optimizer-test-setup.js";
import { SGD, type SGDOptions } from "./sgd.js";

registerCpuBackend();

const { start, gradientAt, runOptimizer, expectClose } = optimizerTestSetup;

/** PyTorch's _single_tensor_sgd, written out on plain numbers. */
function referenceSgd(
  options: Required<Omit<SGDOptions, "learningRate">> & { lr: number },
): number[] {
  const { lr, momentum, dampening, nesterov, weightDecay } = options;
  let theta = [...start];
  let buffer: number[] | undefined;
  for (let s = 0; s < 3; s++) {
    let d = gradientAt(theta).map((g, i) =>
      weightDecay !== 0 ? g + weightDecay * (theta[i] as number) : g,
    );
    if (momentum !== 0) {
      const previous = buffer;
      buffer =
        previous === undefined
          ? [...d]
          : previous.map((b, i) => b * momentum + (d[i] as number) * (1 - dampening));
      const b = buffer;
      d = nesterov ? d.map((x, i) => x + (b[i] as number) * momentum) : b;
    }
    theta = theta.map((x, i) => x + (d[i] as number) * -lr);
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
//   print(run(lambda ps: torch.optim.SGD(ps, lr=0.1)))  # and so on for each line below
const torchResults: [SGDOptions, number[]][] = [
  [{ learningRate: 0.1 }, [0.744, -1.968, 1.52575]],
  [
    { learningRate: 0.1, momentum: 0.9, weightDecay: 0.01 },
    [0.9662172995, -2.4212906985, 1.091034023],
  ],
  [{ learningRate: 0.1, momentum: 0.9, dampening: 0.1 }, [0.95064, -2.42208, 1.1416074999999999]],
  [{ learningRate: 0.1, momentum: 0.9, nesterov: true }, [1.054176, -2.152032, 0.82281175]],
];

describe("SGD", () => {
  it.each(torchResults)("matches the plain-JS PyTorch formula bit for bit: %j", (options) => {
    const expected = referenceSgd({
      lr: options.learningRate ?? 1e-3,
      momentum: options.momentum ?? 0,
      dampening: options.dampening ?? 0,
      nesterov: options.nesterov ?? false,
      weightDecay: options.weightDecay ?? 0,
    });
    expect(runOptimizer((ps) => new SGD(ps, options))).toEqual(expected);
  });

  it.each(torchResults)("matches torch.optim.SGD after 3 steps: %j", (options, expected) => {
    expectClose(
      runOptimizer((ps) => new SGD(ps, options)),
      expected,
    );
  });

  it("plain SGD step is θ − lr·g (hand-computed)", () => {
    // g0 = 2·[1,3,0.5]·([0.5,−1.5,2] − [1,−2,0.25]) = [−1, 3, 1.75]; θ1 = θ0 − 0.1·g0
    expectClose(
      runOptimizer((ps) => new SGD(ps, { learningRate: 0.1 }), 1),
      [0.6, -1.8, 1.825],
    );
  });

  it("keeps one momentum buffer per parameter and leaks nothing", () => {
    const before = memory();
    runOptimizer((ps) => new SGD(ps, { learningRate: 0.1, momentum: 0.9 }));
    expect(memory()).toEqual(before);
  });

  it("rejects nesterov without momentum, and bad hyperparameters", () => {
    const p = variable(tensor([1, 2]));
    expect(() => new SGD([p], { nesterov: true })).toThrow(
      "SGD: nesterov needs momentum > 0 and dampening 0, got momentum 0, dampening 0",
    );
    expect(() => new SGD([p], { momentum: -1 })).toThrow("SGD: momentum must be a number in [0");
    expect(() => new SGD([p], { learningRate: Number.NaN })).toThrow(
      "SGD: learningRate must be a finite number ≥ 0, got NaN",
    );
    p.dispose();
  });
});
