export { generate } from "./generation/generate.js";
export type {
  AsyncStepFunction,
  GeneratedSymbol,
  GenerateIndexOptions,
  GenerateOptions,
  GenerateResult,
  GenerateStreamOptions,
  GenerateVectorOptions,
  StepFunction,
  StepOutput,
} from "./generation/generate-options.js";
export { generateStream } from "./generation/generate-stream.js";
export { type SampleFromLogitsOptions, sampleFromLogits } from "./generation/sample-from-logits.js";
export { type SamplingOptions, samplingDistribution } from "./generation/sampling-distribution.js";
export {
  type ForecastWindows,
  type ForecastWindowsOptions,
  forecastWindows,
} from "./numbers/forecast-windows.js";
export {
  MinMaxScaler,
  type MinMaxScalerJson,
  type MinMaxScalerOptions,
} from "./numbers/min-max-scaler.js";
export { type CsvRecord, type ParseCsvOptions, parseCsv } from "./numbers/parse-csv.js";
export { type ReadCsvColumnOptions, readCsvColumn } from "./numbers/read-csv-column.js";
export { ZScoreScaler, type ZScoreScalerJson } from "./numbers/z-score-scaler.js";
export { describeSymbol } from "./text/describe-symbol.js";
export { indexTensor } from "./text/index-tensor.js";
export { oneHotTensor } from "./text/one-hot-tensor.js";
export { tokenizeWords } from "./text/tokenize-words.js";
export {
  type DecodeOptions,
  type EncodeOptions,
  Vocab,
  type VocabFromCorpusOptions,
  type VocabJson,
  type VocabLevel,
  type VocabNormalization,
  type VocabOptions,
} from "./text/vocab.js";
export { type WordSpan, wordSpans } from "./text/word-spans.js";
export { type BatchIndicesOptions, batchIndices } from "./windows/batch-indices.js";
export { type BucketByLengthOptions, bucketByLength } from "./windows/bucket-by-length.js";
export {
  type ContiguousStreams,
  type ContiguousStreamsOptions,
  contiguousStreams,
  type StreamChunk,
} from "./windows/contiguous-streams.js";
export {
  type ManyToManyWindows,
  type ManyToManyWindowsOptions,
  manyToManyWindows,
} from "./windows/many-to-many-windows.js";
export {
  type ManyToOneWindows,
  type ManyToOneWindowsOptions,
  manyToOneWindows,
} from "./windows/many-to-one-windows.js";
export { type PadBatchOptions, type PaddedBatch, padBatch } from "./windows/pad-batch.js";
export {
  type PaddedSequences,
  type PadSequencesOptions,
  padSequences,
} from "./windows/pad-sequences.js";
export { shuffled } from "./windows/shuffled.js";
export {
  type TrainValidationSplit,
  type TrainValidationSplitOptions,
  trainValidationSplit,
} from "./windows/train-validation-split.js";
