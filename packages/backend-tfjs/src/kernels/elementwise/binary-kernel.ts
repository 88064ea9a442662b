import type { KernelConfig } from "@rnnkit/core-tensor";
import type * as tf from "@tensorflow/tfjs";
import type { TfjsBackend } from "../../backend-tfjs.js";
import { type OutDtype, tfjsKernelConfig } from "../tfjs-kernel.js";

/**
 * A kernel config for a binary op { a, b } with NumPy broadcasting (tfjs broadcasts the same way):
 * same dtype out, or `outDtype` (int32 for comparisons).
 */
export function binaryKernelConfig(
  kernelName: string,
  op: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor,
  outDtype?: OutDtype,
): KernelConfig<TfjsBackend> {
  return tfjsKernelConfig(kernelName, ({ x }) => op(x.a as tf.Tensor, x.b as tf.Tensor), outDtype);
}
