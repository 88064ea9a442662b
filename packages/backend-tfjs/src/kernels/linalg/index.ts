import type { KernelConfig } from "@rnnkit/core-tensor";
import type { TfjsBackend } from "../../backend-tfjs.js";
import { matMulConfig } from "./mat-mul.js";

export const linalgKernelConfigs: readonly KernelConfig<TfjsBackend>[] = [matMulConfig];
