import { RnnkitError } from "@rnnkit/core-tensor";
import { checkInteger } from "../internal/check-integer.js";
import { readJsonObject } from "../internal/read-json-object.js";
import { describeSymbol } from "./describe-symbol.js";
import { wordSpans } from "./word-spans.js";

/** "char": one symbol per Unicode code point; "word": `tokenizeWords` tokens. */
export type VocabLevel = "char" | "word";

/** Unicode normalization applied to every text before it is split (none by default). */
export type VocabNormalization = "NFC" | "NFD" | "NFKC" | "NFKD";

export interface VocabOptions {
  /** Default "char". */
  level?: VocabLevel;
  /** E.g. "NFC" makes a decomposed "e + U+0301" the single symbol "é". Default: none. */
  normalize?: VocabNormalization;
}

export interface VocabFromCorpusOptions extends VocabOptions {
  /** Symbols seen fewer times are left out (they encode as <UNK>). Default 1. */
  minCount?: number;
  /** Largest vocabulary size, the 4 reserved symbols included: the most frequent symbols are kept. */
  maxSize?: number;
}

export interface EncodeOptions {
  /** "error" (default): an unknown symbol throws, naming it and its position; "unk": it becomes <UNK>. */
  unknown?: "error" | "unk";
  /** Put <START> first. */
  start?: boolean;
  /** Put <END> last. */
  end?: boolean;
}

export interface DecodeOptions {
  /** Also print <PAD>, <START> and <END> (dropped by default; <UNK> always prints as "<UNK>"). */
  keepSpecial?: boolean;
  /** Between symbols: "" for a char vocabulary, " " for a word vocabulary by default. */
  separator?: string;
}

/** What `toJSON` writes and `fromJSON` reads. */
export interface VocabJson {
  format: "rnnkit-vocab";
  version: 1;
  level: VocabLevel;
  normalize: VocabNormalization | null;
  /** Every symbol by index, the reserved ones first. */
  symbols: string[];
}

const SPECIAL_SYMBOLS = ["<PAD>", "<START>", "<END>", "<UNK>"] as const;
const LEVELS: readonly string[] = ["char", "word"];
const NORMALIZATIONS: readonly string[] = ["NFC", "NFD", "NFKC", "NFKD"];
const VERSION = 1;

/** Orders strings by code point (JavaScript's `<` compares UTF-16 units, which misplaces emoji). */
function compareCodePoints(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(j) as number;
    if (x !== y) return x - y;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return a.length - i - (b.length - j);
}

/** Line and column (1-based, in code points) of a code-point position. */
function lineAndColumn(symbols: readonly string[], position: number): string {
  let line = 1;
  let column = 1;
  for (let i = 0; i < position; i++) {
    if (symbols[i] === "\n") {
      line++;
      column = 1;
    } else column++;
  }
  return `line ${line}, column ${column}`;
}

/**
 * A vocabulary of characters (Unicode code points: an emoji or a precomposed "é" is one symbol) or
 * of words, with <PAD>, <START>, <END>, <UNK> reserved at indices 0, 1, 2, 3. The other symbols
 * follow in code-point order, so the same corpus always gives the same indices.
 * @example
 * const vocab = Vocab.fromCorpus("hello");   // <PAD> <START> <END> <UNK> e h l o
 * vocab.encode("hello")                      // [5, 4, 6, 6, 7]
 */
export class Vocab {
  static readonly PAD = 0;
  static readonly START = 1;
  static readonly END = 2;
  static readonly UNK = 3;
  /** The reserved symbols, by index. */
  static readonly SPECIAL_SYMBOLS: readonly string[] = SPECIAL_SYMBOLS;

  readonly level: VocabLevel;
  readonly normalize: VocabNormalization | undefined;
  /** Every symbol by index, the reserved ones first. */
  readonly symbols: readonly string[];
  private readonly indexBySymbol: Map<string, number>;

  private constructor(symbols: readonly string[], options: VocabOptions, where: string) {
    this.level = options.level ?? "char";
    this.normalize = options.normalize;
    if (!LEVELS.includes(this.level)) {
      throw new RnnkitError(where, `level must be "char" or "word", got ${String(this.level)}`);
    }
    if (this.normalize !== undefined && !NORMALIZATIONS.includes(this.normalize)) {
      throw new RnnkitError(
        where,
        `normalize must be one of ${NORMALIZATIONS.join(", ")}, got ${String(this.normalize)}`,
      );
    }
    this.symbols = Object.freeze([...SPECIAL_SYMBOLS, ...symbols]);
    this.indexBySymbol = new Map();
    this.symbols.forEach((symbol, index) => {
      if (typeof symbol !== "string" || symbol.length === 0) {
        throw new RnnkitError(where, `symbol ${index} must be a non-empty string`);
      }
      if (this.indexBySymbol.has(symbol)) {
        throw new RnnkitError(where, `symbol ${describeSymbol(symbol)} appears twice`);
      }
      if (
        index >= SPECIAL_SYMBOLS.length &&
        this.level === "char" &&
        Array.from(symbol).length !== 1
      ) {
        throw new RnnkitError(
          where,
          `a char vocabulary holds single code points, got ${describeSymbol(symbol)} at index ${index}`,
        );
      }
      this.indexBySymbol.set(symbol, index);
    });
    Object.freeze(this);
  }

  /**
   * Builds the vocabulary of a corpus (one text or several). Symbols are kept if seen at least
   * `minCount` times and, with `maxSize`, only the most frequent (ties: code-point order).
   */
  static fromCorpus(
    corpus: string | Iterable<string>,
    options: VocabFromCorpusOptions = {},
  ): Vocab {
    const where = "Vocab.fromCorpus";
    const minCount = checkInteger(where, "minCount", options.minCount ?? 1, 1);
    const maxSize =
      options.maxSize === undefined
        ? Number.POSITIVE_INFINITY
        : checkInteger(where, "maxSize", options.maxSize, SPECIAL_SYMBOLS.length + 1);
    // an empty vocabulary only to reuse tokenize() (same level and normalization checks)
    const splitter = new Vocab([], options, where);
    const counts = new Map<string, number>();
    for (const text of typeof corpus === "string" ? [corpus] : corpus) {
      if (typeof text !== "string") {
        throw new RnnkitError(where, `the corpus must hold strings, got ${typeof text}`);
      }
      for (const symbol of splitter.tokenize(text))
        counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
    }
    if (counts.size === 0) {
      throw new RnnkitError(
        where,
        `the corpus is empty: no ${splitter.level === "char" ? "characters" : "words"} to build a vocabulary from`,
      );
    }
    let kept = [...counts].filter(([, count]) => count >= minCount);
    if (kept.length === 0) {
      throw new RnnkitError(
        where,
        `no symbol is seen minCount=${minCount} times (the most frequent is seen ${Math.max(...counts.values())} times)`,
      );
    }
    if (kept.length + SPECIAL_SYMBOLS.length > maxSize) {
      kept.sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0]));
      kept = kept.slice(0, maxSize - SPECIAL_SYMBOLS.length);
    }
    const symbols = kept.map(([symbol]) => symbol).sort(compareCodePoints);
    return new Vocab(symbols, options, where);
  }

  /** A vocabulary of exactly these symbols, in this order, after the 4 reserved ones. */
  static fromSymbols(symbols: readonly string[], options: VocabOptions = {}): Vocab {
    return new Vocab(symbols, options, "Vocab.fromSymbols");
  }

  /** Reads what `toJSON` wrote (an object or its JSON text); checks every field. */
  static fromJSON(json: unknown): Vocab {
    const where = "Vocab.fromJSON";
    const record = readJsonObject(where, json, "rnnkit-vocab", VERSION);
    const { symbols, level, normalize } = record;
    if (!Array.isArray(symbols) || symbols.some((s) => typeof s !== "string")) {
      throw new RnnkitError(where, "symbols must be an array of strings");
    }
    SPECIAL_SYMBOLS.forEach((special, index) => {
      if (symbols[index] !== special) {
        throw new RnnkitError(
          where,
          `symbols[${index}] must be "${special}", got ${JSON.stringify(symbols[index]) ?? "nothing"}`,
        );
      }
    });
    if (normalize !== null && normalize !== undefined && typeof normalize !== "string") {
      throw new RnnkitError(where, `normalize must be a string or null, got ${typeof normalize}`);
    }
    return new Vocab(
      symbols.slice(SPECIAL_SYMBOLS.length) as string[],
      {
        level: level as VocabLevel,
        normalize: (normalize ?? undefined) as VocabNormalization | undefined,
      },
      where,
    );
  }

  /** Number of symbols, the reserved ones included. */
  get size(): number {
    return this.symbols.length;
  }

  /** The index of a symbol, or undefined. */
  indexOf(symbol: string): number | undefined {
    return this.indexBySymbol.get(symbol);
  }

  /** The symbol at an index; throws outside [0, size). */
  symbolAt(index: number): string {
    const symbol = this.symbols[index];
    if (symbol === undefined || !Number.isInteger(index)) {
      throw new RnnkitError(
        "Vocab.symbolAt",
        `index ${index} is outside the vocabulary of ${this.size} symbols`,
      );
    }
    return symbol;
  }

  /** Splits a text into this vocabulary's symbols (code points or words), after normalization. */
  tokenize(text: string): string[] {
    const normalized = this.normalize === undefined ? text : text.normalize(this.normalize);
    return this.level === "char"
      ? Array.from(normalized)
      : wordSpans(normalized).map((s) => s.token);
  }

  /** Text → indices. Unknown symbols throw (naming the symbol and where) or become <UNK>. */
  encode(text: string, options: EncodeOptions = {}): number[] {
    if (typeof text !== "string") {
      throw new RnnkitError("Vocab.encode", `expected a string, got ${typeof text}`);
    }
    const normalized = this.normalize === undefined ? text : text.normalize(this.normalize);
    if (this.level === "char") {
      const symbols = Array.from(normalized);
      return this.encodeSymbols(
        symbols,
        options,
        "Vocab.encode",
        (position) => `at position ${position} (${lineAndColumn(symbols, position)})`,
      );
    }
    const spans = wordSpans(normalized);
    return this.encodeSymbols(
      spans.map((s) => s.token),
      options,
      "Vocab.encode",
      (position) => `at token ${position} (character ${spans[position]?.start})`,
    );
  }

  /** Already split symbols (e.g. tokens from another tokenizer; "<END>" etc. allowed) → indices. */
  encodeTokens(tokens: readonly string[], options: EncodeOptions = {}): number[] {
    return this.encodeSymbols(
      tokens,
      options,
      "Vocab.encodeTokens",
      (position) => `at token ${position}`,
    );
  }

  /** Indices → text. Throws on an index outside the vocabulary. */
  decode(indices: ArrayLike<number>, options: DecodeOptions = {}): string {
    return this.decodeTokens(indices, options).join(
      options.separator ?? (this.level === "char" ? "" : " "),
    );
  }

  /** Indices → symbols (reserved ones dropped unless `keepSpecial`, <UNK> kept). */
  decodeTokens(indices: ArrayLike<number>, options: DecodeOptions = {}): string[] {
    const out: string[] = [];
    for (let position = 0; position < indices.length; position++) {
      const index = indices[position] as number;
      const symbol = this.symbols[index];
      if (symbol === undefined || !Number.isInteger(index)) {
        throw new RnnkitError(
          "Vocab.decode",
          `index ${index} at position ${position} is outside the vocabulary of ${this.size} symbols`,
        );
      }
      if (!options.keepSpecial && index < Vocab.UNK) continue;
      out.push(symbol);
    }
    return out;
  }

  toJSON(): VocabJson {
    return {
      format: "rnnkit-vocab",
      version: VERSION,
      level: this.level,
      normalize: this.normalize ?? null,
      symbols: [...this.symbols],
    };
  }

  private encodeSymbols(
    symbols: readonly string[],
    options: EncodeOptions,
    where: string,
    describePosition: (position: number) => string,
  ): number[] {
    const unknown = options.unknown ?? "error";
    if (unknown !== "error" && unknown !== "unk") {
      throw new RnnkitError(where, `unknown must be "error" or "unk", got ${String(unknown)}`);
    }
    const out: number[] = [];
    if (options.start) out.push(Vocab.START);
    symbols.forEach((symbol, position) => {
      const index = this.indexBySymbol.get(symbol);
      // (only encodeTokens can meet a reserved symbol: code points and words never spell one)
      if (index !== undefined) out.push(index);
      else if (unknown === "unk") out.push(Vocab.UNK);
      else {
        throw new RnnkitError(
          where,
          `unknown ${this.level === "char" ? "symbol" : "word"} ${describeSymbol(symbol)} ${describePosition(position)}; the vocabulary has ${this.size} symbols (use { unknown: "unk" } to map it to <UNK>)`,
        );
      }
    });
    if (options.end) out.push(Vocab.END);
    return out;
  }
}
