import type { GradConfig } from "../../registry.js";
import { gruCellGradConfig } from "./gru-cell.js";
import { gruSequenceGradConfig } from "./gru-sequence.js";
import { lstmCellGradConfig } from "./lstm-cell.js";
import { lstmSequenceGradConfig } from "./lstm-sequence.js";

export { adamUpdate } from "./adam-update.js";
export { type GruCellOptions, gruCell } from "./gru-cell.js";
export { type GruSequenceOptions, gruSequence } from "./gru-sequence.js";
export { lstmCell } from "./lstm-cell.js";
export { type LstmSequenceOptions, lstmSequence } from "./lstm-sequence.js";

export const fusedGradConfigs: readonly GradConfig[] = [
  lstmCellGradConfig,
  lstmSequenceGradConfig,
  gruCellGradConfig,
  gruSequenceGradConfig,
];
