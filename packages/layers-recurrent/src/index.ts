export { Bidirectional, type MergeMode } from "./bidirectional.js";
export { GRUCell, type GRUCellOptions } from "./cells/gru-cell.js";
export { LSTMCell, type LSTMCellOptions } from "./cells/lstm-cell.js";
export { type CellOptions, type InitPreset, RecurrentCell } from "./cells/recurrent-cell.js";
export { SimpleRNNCell, type SimpleRNNCellOptions } from "./cells/simple-rnn-cell.js";
export { type Activation, Dense, type DenseOptions } from "./dense.js";
export { dropout } from "./dropout.js";
export { Embedding, type EmbeddingOptions } from "./embedding.js";
export { GRU, type GRUOptions } from "./gru.js";
export { hiddenGradientNorms } from "./hidden-gradient-norms.js";
export { glorotUniform } from "./initializers/glorot-uniform.js";
export type { Initializer, InitializerOptions } from "./initializers/initializer.js";
export { orthogonal } from "./initializers/orthogonal.js";
export { pytorchRnnUniform, uniform } from "./initializers/uniform.js";
export { constantInitializer, zerosInitializer } from "./initializers/zeros-initializer.js";
export { LSTM, type LSTMOptions } from "./lstm.js";
export { Module, type StateDictValue } from "./module.js";
export {
  RecurrentLayer,
  type RecurrentLayerCallOptions,
  type RecurrentLayerOptions,
  type RecurrentLayerOutput,
  type RecurrentStepOutput,
} from "./recurrent-layer.js";
export { RecurrentStepper, type StepperInput } from "./recurrent-stepper.js";
export { repeatVector } from "./repeat-vector.js";
export { RNN, type RNNCallOptions, type RNNOptions, type RNNOutput } from "./rnn.js";
export { SimpleRNN, type SimpleRNNOptions } from "./simple-rnn.js";
export { loadSafetensors, saveSafetensors } from "./state-dict-file.js";
export { checkSequenceInput, type UnrollOptions, type UnrollResult, unroll } from "./unroll.js";
