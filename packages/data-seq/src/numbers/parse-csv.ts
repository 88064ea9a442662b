import { RnnkitError } from "@rnnkit/core-tensor";

export interface ParseCsvOptions {
  /** One character (default ","). */
  delimiter?: string;
}

/** One CSV record and the (1-based) line it starts on. */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/**
 * Splits CSV text into records (RFC 4180): fields in double quotes may hold the delimiter, line
 * breaks and doubled quotes (`""` → `"`); LF, CRLF and CR end records; a leading BOM and blank
 * lines are skipped. An unterminated quote, or text after a closing quote, is an error.
 * @example parseCsv('a,"b,c"\n1,2') // [{ fields: ["a", "b,c"], line: 1 }, { fields: ["1", "2"], line: 2 }]
 */
export function parseCsv(text: string, options: ParseCsvOptions = {}): CsvRecord[] {
  const where = "parseCsv";
  const delimiter = options.delimiter ?? ",";
  if (typeof text !== "string")
    throw new RnnkitError(where, `expected CSV text, got ${typeof text}`);
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
    throw new RnnkitError(
      where,
      `delimiter must be one character other than a quote or a line break, got ${JSON.stringify(delimiter)}`,
    );
  }
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let quoted = false; // the current field started with a quote
  let blank = true; // nothing seen yet in this record
  const endField = (): void => {
    fields.push(field);
    field = "";
    quoted = false;
  };
  const endRecord = (): void => {
    if (!blank) {
      endField();
      records.push({ fields, line: recordLine });
    }
    fields = [];
    field = "";
    quoted = false;
    blank = true;
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '"' && field === "" && !quoted) {
      // a quoted field: read to the closing quote
      const startLine = line;
      quoted = true;
      blank = false;
      i++;
      for (;;) {
        if (i >= text.length)
          throw new RnnkitError(where, `line ${startLine}: a quoted field is not closed`);
        const q = text[i] as string;
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === "\n" || (q === "\r" && text[i + 1] !== "\n")) line++;
        field += q;
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== delimiter && next !== "\n" && next !== "\r") {
        throw new RnnkitError(
          where,
          `line ${line}: unexpected ${JSON.stringify(next)} after a closing quote (a quote inside a quoted field is written "")`,
        );
      }
      continue;
    }
    if (c === delimiter) {
      blank = false;
      endField();
    } else if (c === "\n" || c === "\r") {
      endRecord();
      if (c === "\r" && text[i + 1] === "\n") i++;
      line++;
      recordLine = line;
    } else {
      if (blank) recordLine = line;
      blank = false;
      field += c;
    }
    i++;
  }
  endRecord();
  return records;
}
