import type { KernelConfig } from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { gruCellConfig } from "./gru-cell.js";
import { gruCellGradConfig } from "./gru-cell-grad.js";
import { lstmCellConfig } from "./lstm-cell.js";
import { lstmCellGradConfig } from "./lstm-cell-grad.js";
import { lstmSequenceConfig } from "./lstm-sequence.js";
import { lstmSequenceGradConfig } from "./lstm-sequence-grad.js";

export const fusedKernelConfigs: readonly KernelConfig<GpujsBackend>[] = [
  lstmCellConfig,
  lstmCellGradConfig,
  lstmSequenceConfig,
  lstmSequenceGradConfig,
  gruCellConfig,
  gruCellGradConfig,
];
