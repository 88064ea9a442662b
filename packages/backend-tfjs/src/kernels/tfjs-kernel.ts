import type { Dtype, KernelConfig, TensorInfo } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { type TfjsBackend, tfDtype } from "../backend-tfjs.js";

/** What a kernel body receives: the inputs as tf.Tensors, their rnnkit dtypes, the attributes. */
export interface TfjsKernelArgs {
  x: Record<string, tf.Tensor>;
  dtypes: Record<string, Dtype>;
  attrs: Record<string, unknown>;
}

/** The rnnkit dtype of every output (default: the dtype of the first input). */
export type OutDtype = (dtypes: Record<string, Dtype>, attrs: Record<string, unknown>) => Dtype;

const firstInputDtype: OutDtype = (dtypes) => Object.values(dtypes)[0] as Dtype;

/**
 * A kernel written with tfjs ops. The body runs inside one `tf.tidy` (its temporaries are freed),
 * each output is cast to the tf dtype that stores its rnnkit dtype (bool comparisons → int32,
 * float64 → float32), and an output that is one of the inputs is cloned, since every rnnkit
 * handle owns its tf.Tensor.
 */
export function tfjsKernelConfig(
  kernelName: string,
  body: (args: TfjsKernelArgs) => tf.Tensor | tf.Tensor[],
  outDtype: OutDtype = firstInputDtype,
): KernelConfig<TfjsBackend> {
  return {
    kernelName,
    backendName: "tfjs",
    kernelFunc: ({ inputs, attrs, backend }) => {
      const x: Record<string, tf.Tensor> = {};
      const dtypes: Record<string, Dtype> = {};
      for (const [name, info] of Object.entries(inputs)) {
        x[name] = backend.tensor(info);
        dtypes[name] = info.dtype;
      }
      const dtype = outDtype(dtypes, attrs);
      const inputTensors = new Set(Object.values(x));
      let multi = false;
      const result = tf.tidy(() => {
        const out = body({ x, dtypes, attrs });
        multi = Array.isArray(out);
        return (Array.isArray(out) ? out : [out]).map((t) => {
          const cast = t.dtype === tfDtype(dtype) ? t : tf.cast(t, tfDtype(dtype));
          return inputTensors.has(cast) ? tf.clone(cast) : cast;
        });
      });
      const outputs: TensorInfo[] = result.map((t) => backend.makeOutput(t, dtype));
      return multi ? outputs : (outputs[0] as TensorInfo);
    },
  };
}
