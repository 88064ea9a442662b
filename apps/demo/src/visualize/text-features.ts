/** A per-character quantity a cell might track, as known after reading that character. */
export interface TextFeature {
  name: string;
  description: string;
  values: number[];
}

const OPEN = new Set(["(", "[", "{"]);
const CLOSE = new Set([")", "]", "}"]);

/**
 * The features of Karpathy, Johnson & Fei-Fei, "Visualizing and Understanding Recurrent Networks"
 * (2015), computed for each character after it is read:
 *   inside quotes   1 between an opening and a closing quote (" or “ ”), else 0
 *   position in line   characters since the last newline
 *   bracket depth   open ( [ { minus closed ones
 *   indent depth   leading spaces/tabs of the current line read so far
 */
export function textFeatures(chars: readonly string[]): TextFeature[] {
  const quotes: number[] = [];
  const position: number[] = [];
  const brackets: number[] = [];
  const indent: number[] = [];
  let inside = false;
  let column = 0;
  let depth = 0;
  let leading = 0;
  let atLineStart = true;
  for (const ch of chars) {
    if (ch === "“") inside = true;
    else if (ch === "”") inside = false;
    else if (ch === '"') inside = !inside;
    if (OPEN.has(ch)) depth++;
    else if (CLOSE.has(ch)) depth = Math.max(0, depth - 1);
    if (ch === "\n") {
      column = 0;
      leading = 0;
      atLineStart = true;
    } else {
      column++;
      if (atLineStart && (ch === " " || ch === "\t")) leading++;
      else atLineStart = false;
    }
    quotes.push(inside ? 1 : 0);
    position.push(column);
    brackets.push(depth);
    indent.push(leading);
  }
  return [
    { name: "inside quotes", description: "1 inside a quotation, 0 outside", values: quotes },
    {
      name: "position in line",
      description: "characters since the last newline",
      values: position,
    },
    { name: "bracket depth", description: "open ( [ { not yet closed", values: brackets },
    { name: "indent depth", description: "leading spaces or tabs of the line", values: indent },
  ];
}
