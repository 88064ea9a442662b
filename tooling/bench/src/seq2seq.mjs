// The seq2seq learning benchmarks live beside their package (they also run alone with node).
export { seq2seqDatesSuite } from "../../../packages/seq2seq/bench/dates.mjs";
export { seq2seqG2pSuite } from "../../../packages/seq2seq/bench/g2p.mjs";
