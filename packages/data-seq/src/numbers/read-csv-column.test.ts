import { RnnkitError } from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { readCsvColumn } from "./read-csv-column.js";

const csv =
  'date,price,"volume, units"\n2024-01-01,10.5,"1200"\n2024-01-02,-3e-2,80\n2024-01-03, .5 ,7\n';

describe("readCsvColumn", () => {
  it("reads a column by name or by index, quoted cells included", () => {
    expect(readCsvColumn(csv, "price")).toEqual([10.5, -0.03, 0.5]);
    expect(readCsvColumn(csv, "volume, units")).toEqual([1200, 80, 7]);
    expect(readCsvColumn(csv, 2)).toEqual([1200, 80, 7]);
    expect(readCsvColumn("1;2\n3;4", 1, { header: false, delimiter: ";" })).toEqual([2, 4]);
  });

  it("names the row, line, column and cell of a non-numeric value", () => {
    const bad = "t,value\n1,2.5\n2,abc\n";
    expect(() => readCsvColumn(bad, "value")).toThrow(RnnkitError);
    expect(() => readCsvColumn(bad, "value")).toThrow(
      'readCsvColumn: row 2 (line 3), column "value" (index 1): "abc" is not a number',
    );
    expect(() => readCsvColumn('v\n"1,000"', "v")).toThrow(
      /row 1 \(line 2\), column "v" \(index 0\): "1,000" is not a number/,
    );
    expect(() => readCsvColumn("v\n1\n\u00e9", 0)).toThrow(
      /row 2 \(line 3\), column "v" \(index 0\): "é" is not a number/,
    );
    expect(() => readCsvColumn("1\nx", 0, { header: false })).toThrow(
      /row 2 \(line 2\), column 0: "x" is not a number/,
    );
    expect(() => readCsvColumn("v\n0x10\nInfinity", "v")).toThrow(/"0x10" is not a number/);
  });

  it("reports or skips empty cells", () => {
    expect(() => readCsvColumn("a,b\n1,\n2,3", "b")).toThrow(
      /row 1 \(line 2\), column "b" \(index 1\): an empty cell is not a number/,
    );
    expect(readCsvColumn("a,b\n1,\n2,3", "b", { empty: "skip" })).toEqual([3]);
  });

  it("says which column is missing", () => {
    expect(() => readCsvColumn(csv, "close")).toThrow(
      'readCsvColumn: no column "close"; the header has "date", "price", "volume, units"',
    );
    expect(() => readCsvColumn(csv, 5)).toThrow(/column index 5 is outside the header's 3 columns/);
    expect(() => readCsvColumn("a,b\n1", "b")).toThrow(
      /row 1 \(line 2\) has 1 fields, no column "b" \(index 1\)/,
    );
    expect(() => readCsvColumn("1,2", "b", { header: false })).toThrow(
      /given by name, but header is false/,
    );
    expect(() => readCsvColumn("", 0)).toThrow(/the CSV text has no records/);
    expect(() => readCsvColumn("a,b\n", "a")).toThrow(/a header but no data rows/);
    expect(() => readCsvColumn(csv, -1)).toThrow(
      /column must be a header name or a 0-based index, got -1/,
    );
  });
});
