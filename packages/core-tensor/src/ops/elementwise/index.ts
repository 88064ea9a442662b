import type { GradConfig } from "../../registry.js";
import { addGradConfig } from "./add.js";
import { mulGradConfig } from "./mul.js";

export { add } from "./add.js";
export { mul } from "./mul.js";

export const elementwiseGradConfigs: readonly GradConfig[] = [addGradConfig, mulGradConfig];
