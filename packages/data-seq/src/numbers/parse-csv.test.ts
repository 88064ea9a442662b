import { RnnkitError } from "@rnnkit/core-tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCsv } from "./parse-csv.js";

describe("parseCsv", () => {
  it("reads quoted fields with delimiters, doubled quotes and line breaks", () => {
    const text = 'name,note\n"Smith, J.","said ""hi""\nthen left"\nDoe,\n';
    expect(parseCsv(text)).toEqual([
      { fields: ["name", "note"], line: 1 },
      { fields: ["Smith, J.", 'said "hi"\nthen left'], line: 2 },
      { fields: ["Doe", ""], line: 4 },
    ]);
  });

  it("handles CRLF and CR, a BOM, blank lines, empty quoted fields and other delimiters", () => {
    expect(parseCsv('\uFEFFa;b\r\n\r\n1;""\r2;3', { delimiter: ";" })).toEqual([
      { fields: ["a", "b"], line: 1 },
      { fields: ["1", ""], line: 3 },
      { fields: ["2", "3"], line: 4 },
    ]);
    expect(parseCsv("a;b", { delimiter: ";" })[0]?.fields).toEqual(["a", "b"]);
    expect(parseCsv("")).toEqual([]);
  });

  it("round-trips fields written with RFC 4180 quoting", () => {
    const cell = fc.string({
      unit: fc.constantFrom("a", "b", ",", '"', "\n", "\r", " ", "é"),
      maxLength: 8,
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        (rows) => {
          const quote = (f: string): string => `"${f.replaceAll('"', '""')}"`;
          const text = rows.map((r) => r.map(quote).join(",")).join("\r\n");
          expect(parseCsv(text).map((r) => r.fields)).toEqual(rows);
        },
      ),
    );
  });

  it("rejects an unclosed quote and text after a closing quote, naming the line", () => {
    expect(() => parseCsv('a\n"b,c\nd')).toThrow(RnnkitError);
    expect(() => parseCsv('a\n"b,c\nd')).toThrow("parseCsv: line 2: a quoted field is not closed");
    expect(() => parseCsv('a\n"b"c,d')).toThrow(/line 2: unexpected "c" after a closing quote/);
    expect(() => parseCsv("a", { delimiter: "ab" })).toThrow(/delimiter must be one character/);
  });
});
