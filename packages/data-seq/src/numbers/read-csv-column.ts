import { RnnkitError } from "@rnnkit/core-tensor";
import { type ParseCsvOptions, parseCsv } from "./parse-csv.js";

export interface ReadCsvColumnOptions extends ParseCsvOptions {
  /** The first record names the columns (default true). */
  header?: boolean;
  /** An empty cell: "error" (default) or "skip" (left out of the result). */
  empty?: "error" | "skip";
}

// a decimal number: 12, -3.5, .5, 1e-3 (no hex, no "Infinity", no thousands separators)
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * One numeric column of CSV text, chosen by header name or by 0-based index. A cell that is not a
 * number is an error naming the row, the line, the column and the cell text.
 * @example readCsvColumn("date,price\n2024-01-01,10.5\n2024-01-02,11", "price") // [10.5, 11]
 */
export function readCsvColumn(
  text: string,
  column: string | number,
  options: ReadCsvColumnOptions = {},
): number[] {
  const where = "readCsvColumn";
  const header = options.header ?? true;
  const empty = options.empty ?? "error";
  if (empty !== "error" && empty !== "skip") {
    throw new RnnkitError(where, `empty must be "error" or "skip", got ${String(empty)}`);
  }
  const records = parseCsv(text, options);
  if (records.length === 0) throw new RnnkitError(where, "the CSV text has no records");
  const names = header ? (records[0] as (typeof records)[number]).fields : undefined;
  let index: number;
  if (typeof column === "string") {
    if (names === undefined) {
      throw new RnnkitError(
        where,
        `column "${column}" given by name, but header is false: give its index`,
      );
    }
    index = names.findIndex((name) => name.trim() === column);
    if (index < 0) {
      throw new RnnkitError(
        where,
        `no column "${column}"; the header has ${names.map((n) => JSON.stringify(n)).join(", ")}`,
      );
    }
  } else if (Number.isInteger(column) && column >= 0) {
    index = column;
    if (names !== undefined && index >= names.length) {
      throw new RnnkitError(
        where,
        `column index ${index} is outside the header's ${names.length} columns`,
      );
    }
  } else {
    throw new RnnkitError(
      where,
      `column must be a header name or a 0-based index, got ${String(column)}`,
    );
  }
  const label =
    names === undefined ? `column ${index}` : `column "${names[index]}" (index ${index})`;
  const rows = header ? records.slice(1) : records;
  if (rows.length === 0) throw new RnnkitError(where, "the CSV text has a header but no data rows");
  const values: number[] = [];
  rows.forEach((record, r) => {
    const row = r + 1; // 1-based data row
    const cell = record.fields[index];
    if (cell === undefined) {
      throw new RnnkitError(
        where,
        `row ${row} (line ${record.line}) has ${record.fields.length} fields, no ${label}`,
      );
    }
    const trimmed = cell.trim();
    if (trimmed === "" && empty === "skip") return;
    if (!NUMBER.test(trimmed)) {
      const what = trimmed === "" ? "an empty cell" : `${JSON.stringify(cell)}`;
      throw new RnnkitError(
        where,
        `row ${row} (line ${record.line}), ${label}: ${what} is not a number`,
      );
    }
    values.push(Number(trimmed));
  });
  return values;
}
