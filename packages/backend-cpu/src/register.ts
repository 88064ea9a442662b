import {
  type KernelConfig,
  listBackends,
  registerBackend,
  registerKernel,
} from "@rnnkit/core-tensor";
import { CpuBackend } from "./backend-cpu.js";
import { elementwiseKernelConfigs } from "./kernels/elementwise/index.js";
import { fusedKernelConfigs } from "./kernels/fused/index.js";
import { linalgKernelConfigs } from "./kernels/linalg/index.js";
import { movementKernelConfigs } from "./kernels/movement/index.js";
import { reductionKernelConfigs } from "./kernels/reduction/index.js";

/** Every CPU kernel; adding a kernel = one file in kernels/<family>/ + one line in that family's index. */
export const cpuKernelConfigs: readonly KernelConfig<CpuBackend>[] = [
  ...elementwiseKernelConfigs,
  ...reductionKernelConfigs,
  ...linalgKernelConfigs,
  ...movementKernelConfigs,
  ...fusedKernelConfigs,
];

/** Registers the "cpu" backend and its kernels (idempotent). Priority 1: the default backend. */
export function registerCpuBackend(): void {
  if (!listBackends().includes("cpu")) registerBackend("cpu", () => new CpuBackend(), 1);
  for (const config of cpuKernelConfigs) registerKernel(config);
}
