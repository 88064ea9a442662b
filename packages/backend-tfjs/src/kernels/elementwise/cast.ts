import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { tfDtype } from "../../backend-tfjs.js";
import { unaryKernelConfig } from "./unary-kernel.js";

// float → int32 truncates toward zero in every tfjs backend (cpu: Int32Array.from, wasm, TF Cast);
// float32 ↔ float64 is a copy here, since both are held as float32.
export const castConfig = unaryKernelConfig(
  kernels.Cast,
  (x, attrs) => tf.cast(x, tfDtype((attrs as kernels.CastAttrs).dtype)),
  (_, attrs) => (attrs as kernels.CastAttrs).dtype,
);
