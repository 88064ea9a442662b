import type { KernelConfig } from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { matMulConfig } from "./mat-mul.js";
import { matMulBiasConfig } from "./mat-mul-bias.js";

export const linalgKernelConfigs: readonly KernelConfig<CpuBackend>[] = [
  matMulConfig,
  matMulBiasConfig,
];
