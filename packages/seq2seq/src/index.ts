export {
  Attention,
  type AttentionMemory,
  type AttentionResult,
} from "./attention/attention.js";
export {
  BahdanauAttention,
  type BahdanauAttentionOptions,
} from "./attention/bahdanau-attention.js";
export {
  LuongAttention,
  type LuongAttentionOptions,
  type LuongScore,
} from "./attention/luong-attention.js";
export { selectMemoryRows } from "./attention/select-memory-rows.js";
export { type EncodedPair, encodePairs } from "./data/encode-pairs.js";
export { loadPairs } from "./data/load-pairs.js";
export { makePairBatch, type PairBatch } from "./data/make-pair-batch.js";
export { type PairBatchesOptions, pairBatches } from "./data/pair-batches.js";
export {
  type PairVocabularies,
  type PairVocabulariesOptions,
  pairVocabularies,
} from "./data/pair-vocabularies.js";
export {
  type PairProblem,
  type ParsedPairs,
  type ParsePairsOptions,
  parsePairs,
  type SkippedLine,
} from "./data/parse-pairs.js";
export type { TextPair } from "./data/text-pair.js";
export { cmudictPairs } from "./datasets/cmudict-pairs.js";
export {
  type GenerateDatePairsOptions,
  generateDatePairs,
} from "./datasets/generate-date-pairs.js";
export {
  type BeamHypothesis,
  type BeamSearchOptions,
  type BeamSearchResult,
  beamSearch,
} from "./decoding/beam-search.js";
export type { DecodeOptions, Hypothesis } from "./decoding/decode-options.js";
export { greedyDecode } from "./decoding/greedy-decode.js";
export {
  type BleuToken,
  type CorpusBleu,
  type CorpusBleuOptions,
  corpusBleu,
} from "./metrics/corpus-bleu.js";
export { editDistance } from "./metrics/edit-distance.js";
export { errorRate } from "./metrics/error-rate.js";
export { exactMatch } from "./metrics/exact-match.js";
export type { AttentionType } from "./model/attention-type.js";
export type { CellType } from "./model/cell-type.js";
export {
  Decoder,
  type DecoderForwardOptions,
  type DecoderForwardOutput,
  type DecoderOptions,
  type DecoderState,
  type DecoderStepOutput,
} from "./model/decoder.js";
export {
  type DirectionMerge,
  Encoder,
  type EncoderOptions,
  type EncoderOutput,
  type EncoderState,
} from "./model/encoder.js";
export {
  type EncodedSource,
  Seq2Seq,
  type Seq2SeqBatch,
  type Seq2SeqLossOptions,
  type Seq2SeqOptions,
} from "./model/seq2seq.js";
export {
  type TeacherForcingScheduleOptions,
  teacherForcingSchedule,
} from "./training/teacher-forcing-schedule.js";
export { type TrainStepOptions, trainStep } from "./training/train-step.js";
