import type { GradConfig } from "../../registry.js";

export const linalgGradConfigs: readonly GradConfig[] = [];
