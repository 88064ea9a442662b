import type { KernelConfig } from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { matMulConfig } from "./mat-mul.js";

export const linalgKernelConfigs: readonly KernelConfig<GpujsBackend>[] = [matMulConfig];
