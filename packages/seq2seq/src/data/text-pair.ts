/** One source–target example, with the line it came from (1-based; 0 when not read from a file). */
export interface TextPair {
  source: string;
  target: string;
  line: number;
}
