import { type Dtype, type KernelConfig, sizeFromShape, type TensorInfo } from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { at, truncate } from "../source.js";

/** Statements that read `x` and set `const r`; a function of the attributes when they matter. */
export type UnaryBody = string | ((attrs: Record<string, unknown>) => string);

export interface UnaryKernelOptions {
  /** The output dtype (default: the input's). */
  outDtype?: (inDtype: Dtype, attrs: Record<string, unknown>) => Dtype;
}

/** The gpu.js source of a unary kernel: one thread per element. */
export function unarySource(body: string, offset: number, outDtype: Dtype): string {
  const result = outDtype === "int32" ? truncate("r") : "r";
  return `function (a) {
  const x = ${at("a", offset, "this.thread.x")};
  ${body}
  return ${result};
}`;
}

/** A kernel config for a unary op with input `{ x }`, computed by `body`. */
export function unaryKernelConfig(
  kernelName: string,
  body: UnaryBody,
  options: UnaryKernelOptions = {},
): KernelConfig<GpujsBackend> {
  return {
    kernelName,
    backendName: "gpujs",
    kernelFunc: ({ inputs, attrs, backend }) => {
      const { x } = inputs as { x: TensorInfo };
      const dtype = options.outDtype?.(x.dtype, attrs) ?? x.dtype;
      const text = typeof body === "string" ? body : body(attrs);
      const source = unarySource(text, backend.offset(x), dtype);
      return backend.run({ source, size: sizeFromShape(x.shape) }, [x], x.shape, dtype);
    },
  };
}
