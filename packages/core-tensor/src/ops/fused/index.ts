import type { GradConfig } from "../../registry.js";

export const fusedGradConfigs: readonly GradConfig[] = [];
