import type { KernelConfig } from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { concatConfig } from "./concat.js";
import { gatherConfig } from "./gather.js";
import { oneHotConfig } from "./one-hot.js";
import { reshapeConfig } from "./reshape.js";
import { scatterAddConfig } from "./scatter-add.js";
import { sliceConfig } from "./slice.js";
import { transposeConfig } from "./transpose.js";
import { unstackConfig } from "./unstack.js";

export { concatImpl } from "./concat.js";
export { gatherImpl } from "./gather.js";
export { oneHotImpl } from "./one-hot.js";
export { scatterAddImpl } from "./scatter-add.js";
export { sliceImpl } from "./slice.js";
export { transposeImpl } from "./transpose.js";
export { unstackImpl } from "./unstack.js";

export const movementKernelConfigs: readonly KernelConfig<CpuBackend>[] = [
  reshapeConfig,
  transposeConfig,
  sliceConfig,
  concatConfig,
  unstackConfig,
  gatherConfig,
  scatterAddConfig,
  oneHotConfig,
];
