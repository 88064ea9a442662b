import type { KernelConfig } from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { addConfig } from "./add.js";
import { mulConfig } from "./mul.js";

export const elementwiseKernelConfigs: readonly KernelConfig<CpuBackend>[] = [addConfig, mulConfig];
