import type { KernelConfig } from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";

export const fusedKernelConfigs: readonly KernelConfig<CpuBackend>[] = [];
