export {
  type BinaryCrossEntropyOptions,
  binaryCrossEntropy,
} from "./binary-cross-entropy.js";
export { bitsPerCharacter } from "./bits-per-character.js";
export { type CrossEntropyOptions, crossEntropy } from "./cross-entropy.js";
export { type MeanSquaredErrorOptions, meanSquaredError } from "./mean-squared-error.js";
export { perplexity } from "./perplexity.js";
export type { Reduction } from "./reduction.js";
