// Every benchmark suite `pnpm bench` runs, in order. A suite is { name, run({ log, ... }) } and
// returns { rows (written to bench-results/<name>.json), table (printed) } or, instead of table,
// tables: [{ title, rows }] (one printed table each) and notes: string[] (printed first).
import { gemmSuite } from "./gemm.mjs";
import { matmulSuite } from "./matmul.mjs";
import { memorySuite } from "./memory.mjs";
import { rnnGenerateSuite } from "./rnn-generate.mjs";
import { rnnTrainSuite } from "./rnn-train.mjs";
import { seq2seqDatesSuite, seq2seqG2pSuite } from "./seq2seq.mjs";

// Suites marked optIn (minutes each) run only when named: --only memory,seq2seq-dates,seq2seq-g2p
export const suites = [
  matmulSuite,
  gemmSuite,
  rnnTrainSuite,
  rnnGenerateSuite,
  { ...memorySuite, optIn: true },
  { ...seq2seqDatesSuite, optIn: true },
  { ...seq2seqG2pSuite, optIn: true },
];
