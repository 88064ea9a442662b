import type { GradConfig } from "../../registry.js";
import { matMulGradConfig } from "./mat-mul.js";

export { matMul } from "./mat-mul.js";

export const linalgGradConfigs: readonly GradConfig[] = [matMulGradConfig];
