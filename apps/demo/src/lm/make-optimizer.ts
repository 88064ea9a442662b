import type { Variable } from "@rnnkit/core-tensor";
import { Adagrad, Adam, type Optimizer, RMSprop, SGD } from "@rnnkit/optim";

export const OPTIMIZERS = ["adam", "sgd", "rmsprop", "adagrad"] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** The optimizer `--optimizer` names, with PyTorch's defaults besides the learning rate. */
export function makeOptimizer(
  name: OptimizerName,
  params: readonly Variable[],
  learningRate: number,
  momentum = 0,
): Optimizer {
  switch (name) {
    case "adam":
      return new Adam(params, { learningRate });
    case "sgd":
      return new SGD(params, { learningRate, momentum });
    case "rmsprop":
      return new RMSprop(params, { learningRate, momentum });
    case "adagrad":
      return new Adagrad(params, { learningRate });
  }
}
