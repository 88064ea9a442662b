import { type Dtype, RnnkitError, type Tensor, tensor } from "@rnnkit/core-tensor";
import { indexTensor } from "../text/index-tensor.js";
import { type PadSequencesOptions, padSequences } from "./pad-sequences.js";

export interface PadBatchOptions extends PadSequencesOptions {
  /** dtype of the mask (default "float32"). */
  maskDtype?: Dtype;
}

export interface PaddedBatch {
  /** int32 [B, T] */
  indices: Tensor;
  /** [B, T]: 1 at real steps, 0 at padding (what recurrent layers and losses take as `mask`) */
  mask: Tensor;
  lengths: number[];
}

/**
 * Index sequences of different lengths → an int32 tensor [B, T] padded with <PAD> and a float
 * mask [B, T]. The caller disposes both tensors.
 * @example padBatch([[5, 6, 7], [8]]).mask.arraySync() // [[1, 1, 1], [1, 0, 0]]
 */
export function padBatch(
  sequences: readonly ArrayLike<number>[],
  options: PadBatchOptions = {},
): PaddedBatch {
  const maskDtype = options.maskDtype ?? "float32";
  if (maskDtype === "int32")
    throw new RnnkitError("padBatch", "maskDtype must be float32 or float64, got int32");
  const padded = padSequences(sequences, options);
  const B = padded.values.length;
  const T = padded.values[0]?.length ?? 0;
  const indices = indexTensor(padded.values);
  const mask = tensor(padded.mask.flat(), [B, T], maskDtype);
  return { indices, mask, lengths: padded.lengths };
}
