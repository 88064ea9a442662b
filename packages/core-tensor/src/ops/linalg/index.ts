import type { GradConfig } from "../../registry.js";
import { matMulGradConfig } from "./mat-mul.js";

export { matMul } from "./mat-mul.js";
export { type MatMulGeometry, matMulGeometry } from "./mat-mul-geometry.js";

export const linalgGradConfigs: readonly GradConfig[] = [matMulGradConfig];
