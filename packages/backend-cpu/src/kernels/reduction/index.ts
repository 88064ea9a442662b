import type { KernelConfig } from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { sumConfig } from "./sum.js";

export const reductionKernelConfigs: readonly KernelConfig<CpuBackend>[] = [sumConfig];
