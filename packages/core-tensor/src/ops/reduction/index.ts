import type { GradConfig } from "../../registry.js";
import { sumGradConfig } from "./sum.js";

export { sum } from "./sum.js";
export { sumToShape } from "./sum-to-shape.js";

export const reductionGradConfigs: readonly GradConfig[] = [sumGradConfig];
