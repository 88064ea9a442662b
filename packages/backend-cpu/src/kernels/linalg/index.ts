import type { KernelConfig } from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { matMulConfig } from "./mat-mul.js";

export const linalgKernelConfigs: readonly KernelConfig<CpuBackend>[] = [matMulConfig];
