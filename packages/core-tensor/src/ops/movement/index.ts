import type { GradConfig } from "../../registry.js";
import { reshapeGradConfig } from "./reshape.js";

export { broadcastTo } from "./broadcast-to.js";
export { reshape } from "./reshape.js";

export const movementGradConfigs: readonly GradConfig[] = [reshapeGradConfig];
