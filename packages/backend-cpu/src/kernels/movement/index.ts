import type { KernelConfig } from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { reshapeConfig } from "./reshape.js";

export const movementKernelConfigs: readonly KernelConfig<CpuBackend>[] = [reshapeConfig];
