// Every benchmark suite `pnpm bench` runs, in order. A suite is { name, run({ log, ... }) } and
// returns { rows (written to bench-results/<name>.json), table (printed) }.
import { matmulSuite } from "./matmul.mjs";

export const suites = [matmulSuite];
