import type { GradConfig } from "../../registry.js";
import { matMulGradConfig } from "./mat-mul.js";
import { matMulBiasGradConfig } from "./mat-mul-bias.js";

export { matMul } from "./mat-mul.js";
export { matMulBias } from "./mat-mul-bias.js";
export { type MatMulGeometry, matMulGeometry } from "./mat-mul-geometry.js";

export const linalgGradConfigs: readonly GradConfig[] = [matMulGradConfig, matMulBiasGradConfig];
