import {
  type Dtype,
  gather,
  type Rng,
  RnnkitError,
  randomNormal,
  type Tensor,
  type Variable,
  variable,
} from "@rnnkit/core-tensor";
import { Module } from "./module.js";

export interface EmbeddingOptions {
  numEmbeddings: number;
  embeddingDim: number;
  dtype?: Dtype;
  rng?: Rng;
  name?: string;
}

/**
 * Index input: row i of the weight for symbol i — equal to one-hot(i) × W without the matrix
 * product. weight [numEmbeddings, embeddingDim] ~ N(0, 1) (PyTorch's nn.Embedding).
 */
export class Embedding extends Module {
  readonly numEmbeddings: number;
  readonly embeddingDim: number;
  readonly weight: Variable;

  constructor(options: EmbeddingOptions) {
    super(options.name ?? "Embedding");
    this.numEmbeddings = options.numEmbeddings;
    this.embeddingDim = options.embeddingDim;
    const value = randomNormal([this.numEmbeddings, this.embeddingDim], 0, 1, {
      dtype: options.dtype,
      rng: options.rng,
    });
    this.weight = this.registerParameter(
      "weight",
      variable(value, { name: `${this.name}.weight` }),
    );
    value.dispose();
  }

  /** indices: int32 of any shape → [...indices.shape, embeddingDim]. */
  forward(indices: Tensor): Tensor {
    if (indices.dtype !== "int32") {
      throw new RnnkitError(this.name, `expected int32 indices, got ${indices.dtype}`);
    }
    return gather(this.weight, indices, 0);
  }
}
