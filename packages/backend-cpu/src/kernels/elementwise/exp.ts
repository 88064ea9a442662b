import { type KernelConfig, kernels, type TensorInfo } from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { allocateUnzeroed } from "../../buffer-pool.js";
import { EXP_WASM_MIN, expWasm } from "../../wasm/exp-wasm.js";
import { unaryImpl } from "./unary-kernel.js";

const expLoop = unaryImpl("Math.exp(x)");

/** e^x: large float32 arrays through WebAssembly SIMD (wasm/exp-wasm.ts), the rest `Math.exp`. */
export const expConfig: KernelConfig<CpuBackend> = {
  kernelName: kernels.Exp,
  backendName: "cpu",
  kernelFunc: ({ inputs, backend }) => {
    const { x } = inputs as { x: TensorInfo };
    const values = backend.values(x);
    if (values instanceof Float32Array && values.length >= EXP_WASM_MIN) {
      const out = allocateUnzeroed("float32", values.length) as Float32Array;
      if (expWasm(values, out)) return backend.makeOutput(out, x.shape, x.dtype);
    }
    return backend.makeOutput(expLoop(values, x.dtype), x.shape, x.dtype);
  },
};
