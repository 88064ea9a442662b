export {
  type ExportKerasModelOptions,
  exportKerasModel,
} from "./export/export-keras-model.js";
export { fromModelJson } from "./from-model-json.js";
export { type ImportKerasModelOptions, importKerasModel } from "./import/import-keras-model.js";
export type {
  KerasJson,
  KerasModelArtifacts,
  KerasModelJson,
  KerasWeightSpec,
} from "./keras-model-artifacts.js";
export { fromKerasMatrix } from "./layout/from-keras-matrix.js";
export { fromKerasVector } from "./layout/from-keras-vector.js";
export { KERAS_GATE_ORDER, type RecurrentKind } from "./layout/keras-gate-order.js";
export { toKerasMatrix } from "./layout/to-keras-matrix.js";
export { toKerasVector } from "./layout/to-keras-vector.js";
export { loadKerasModel } from "./load-keras-model.js";
export { saveKerasModel } from "./save-keras-model.js";
export { Sequential, type SequentialLayer } from "./sequential.js";
export { type ToModelJsonOptions, toModelJson } from "./to-model-json.js";
