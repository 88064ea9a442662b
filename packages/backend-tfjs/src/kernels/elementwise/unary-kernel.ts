import type { KernelConfig } from "@rnnkit/core-tensor";
import type * as tf from "@tensorflow/tfjs";
import type { TfjsBackend } from "../../backend-tfjs.js";
import { type OutDtype, tfjsKernelConfig } from "../tfjs-kernel.js";

/** A kernel config for a unary op { x } → one tfjs op (same dtype out unless `outDtype`). */
export function unaryKernelConfig(
  kernelName: string,
  op: (x: tf.Tensor, attrs: Record<string, unknown>) => tf.Tensor,
  outDtype?: OutDtype,
): KernelConfig<TfjsBackend> {
  return tfjsKernelConfig(kernelName, ({ x, attrs }) => op(x.x as tf.Tensor, attrs), outDtype);
}
