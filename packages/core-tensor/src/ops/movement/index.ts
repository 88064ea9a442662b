import type { GradConfig } from "../../registry.js";
import { concatGradConfig } from "./concat.js";
import { gatherGradConfig } from "./gather.js";
import { reshapeGradConfig } from "./reshape.js";
import { scatterAddGradConfig } from "./scatter-add.js";
import { sliceGradConfig } from "./slice.js";
import { transposeGradConfig } from "./transpose.js";
import { unstackGradConfig } from "./unstack.js";

export { broadcastTo } from "./broadcast-to.js";
export { checkIndices } from "./check-indices.js";
export { concat } from "./concat.js";
export { expandDims } from "./expand-dims.js";
export { gather } from "./gather.js";
export { type OneHotOptions, oneHot } from "./one-hot.js";
export { pad } from "./pad.js";
export { reshape } from "./reshape.js";
export { scatterAdd } from "./scatter-add.js";
export { slice } from "./slice.js";
export { split } from "./split.js";
export { squeeze } from "./squeeze.js";
export { stack } from "./stack.js";
export { tile } from "./tile.js";
export { transpose } from "./transpose.js";
export { unstack } from "./unstack.js";

export const movementGradConfigs: readonly GradConfig[] = [
  reshapeGradConfig,
  transposeGradConfig,
  sliceGradConfig,
  concatGradConfig,
  unstackGradConfig,
  gatherGradConfig,
  scatterAddGradConfig,
];
