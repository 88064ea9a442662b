import type { KernelConfig } from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { concatConfig } from "./concat.js";
import { gatherConfig } from "./gather.js";
import { oneHotConfig } from "./one-hot.js";
import { reshapeConfig } from "./reshape.js";
import { scatterAddConfig } from "./scatter-add.js";
import { sliceConfig } from "./slice.js";
import { transposeConfig } from "./transpose.js";
import { unstackConfig } from "./unstack.js";

export const movementKernelConfigs: readonly KernelConfig<GpujsBackend>[] = [
  reshapeConfig,
  transposeConfig,
  sliceConfig,
  concatConfig,
  unstackConfig,
  gatherConfig,
  scatterAddConfig,
  oneHotConfig,
];
