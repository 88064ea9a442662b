import type { KernelConfig } from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { adamUpdateConfig } from "./adam-update.js";
import { gruCellConfig } from "./gru-cell.js";
import { gruCellGradConfig } from "./gru-cell-grad.js";
import { gruSequenceConfig } from "./gru-sequence.js";
import { gruSequenceGradConfig } from "./gru-sequence-grad.js";
import { lstmCellConfig } from "./lstm-cell.js";
import { lstmCellGradConfig } from "./lstm-cell-grad.js";
import { lstmSequenceConfig } from "./lstm-sequence.js";
import { lstmSequenceGradConfig } from "./lstm-sequence-grad.js";

export const fusedKernelConfigs: readonly KernelConfig<CpuBackend>[] = [
  adamUpdateConfig,
  lstmCellConfig,
  lstmCellGradConfig,
  lstmSequenceConfig,
  lstmSequenceGradConfig,
  gruCellConfig,
  gruCellGradConfig,
  gruSequenceConfig,
  gruSequenceGradConfig,
];
