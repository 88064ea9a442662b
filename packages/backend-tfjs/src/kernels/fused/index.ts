import type { KernelConfig } from "@rnnkit/core-tensor";
import type { TfjsBackend } from "../../backend-tfjs.js";
import { gruCellConfig } from "./gru-cell.js";
import { gruCellGradConfig } from "./gru-cell-grad.js";
import { lstmCellConfig } from "./lstm-cell.js";
import { lstmCellGradConfig } from "./lstm-cell-grad.js";

export const fusedKernelConfigs: readonly KernelConfig<TfjsBackend>[] = [
  lstmCellConfig,
  lstmCellGradConfig,
  gruCellConfig,
  gruCellGradConfig,
];
