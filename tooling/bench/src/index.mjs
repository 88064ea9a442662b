// Every benchmark suite `pnpm bench` runs, in order. A suite is { name, run({ log, ... }) } and
// returns { rows (written to bench-results/<name>.json), table (printed) } or, instead of table,
// tables: [{ title, rows }] (one printed table each) and notes: string[] (printed first).
import { matmulSuite } from "./matmul.mjs";
import { rnnGenerateSuite } from "./rnn-generate.mjs";
import { rnnTrainSuite } from "./rnn-train.mjs";

export const suites = [matmulSuite, rnnTrainSuite, rnnGenerateSuite];
