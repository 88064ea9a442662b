import type { Dtype, TypedArray } from "../dtype.js";
import { RnnkitError, shapeToString } from "../errors.js";

/** One tensor as plain host data: what a safetensors file stores per name. */
export type SafetensorsEntry = { dtype: Dtype; shape: number[]; values: TypedArray };

/** A decoded safetensors file. */
export type SafetensorsContent = {
  tensors: Record<string, SafetensorsEntry>;
  metadata: Record<string, string>;
};

const WHERE = "safetensors";
const METADATA_KEY = "__metadata__";

/** Bytes per element of every dtype the decoder reads. */
const ITEM_SIZE: Record<string, number> = { F64: 8, I64: 8, F32: 4, I32: 4, F16: 2, BF16: 2 };
const WRITE_DTYPE: Record<Dtype, string> = { float32: "F32", float64: "F64", int32: "I32" };
const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Writes tensors in the safetensors format: an 8-byte little-endian header length N, N bytes of
 * JSON header (space-padded to a multiple of 8), then the raw little-endian data. Tensors are laid
 * out by element size (largest first), then by name, so every tensor starts aligned to its element
 * size and the same input always gives the same bytes.
 * @example encodeSafetensors({ w: { dtype: "float32", shape: [2], values: new Float32Array([1, 2]) } })
 */
export function encodeSafetensors(
  entries: Record<string, SafetensorsEntry>,
  metadata?: Record<string, string>,
): Uint8Array {
  const names = Object.keys(entries);
  for (const name of names) validateEntry(name, entries[name] as SafetensorsEntry);
  names.sort((a, b) => {
    const sizeA = (entries[a] as SafetensorsEntry).values.BYTES_PER_ELEMENT;
    const sizeB = (entries[b] as SafetensorsEntry).values.BYTES_PER_ELEMENT;
    if (sizeA !== sizeB) return sizeB - sizeA;
    return a < b ? -1 : a > b ? 1 : 0;
  });

  const header: Record<string, unknown> = {};
  if (metadata !== undefined) {
    for (const [key, value] of Object.entries(metadata)) {
      if (typeof value !== "string") {
        throw new RnnkitError(WHERE, `metadata "${key}" must be a string, got ${typeof value}`);
      }
    }
    header[METADATA_KEY] = { ...metadata };
  }
  let offset = 0;
  for (const name of names) {
    const entry = entries[name] as SafetensorsEntry;
    const end = offset + entry.values.byteLength;
    header[name] = {
      dtype: WRITE_DTYPE[entry.dtype],
      shape: [...entry.shape],
      data_offsets: [offset, end],
    };
    offset = end;
  }

  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerLength = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + headerLength + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerLength), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength);

  let position = 8 + headerLength;
  for (const name of names) {
    const values = (entries[name] as SafetensorsEntry).values;
    writeLittleEndian(view, position, values);
    position += values.byteLength;
  }
  return out;
}

function validateEntry(name: string, entry: SafetensorsEntry): void {
  if (name === METADATA_KEY) {
    throw new RnnkitError(WHERE, `"${METADATA_KEY}" is reserved and cannot name a tensor`);
  }
  if (name === "") throw new RnnkitError(WHERE, "a tensor name cannot be empty");
  const expected = WRITE_DTYPE[entry.dtype];
  if (expected === undefined) {
    throw new RnnkitError(WHERE, `tensor "${name}" has unknown dtype ${String(entry.dtype)}`);
  }
  const arrayDtype =
    entry.values instanceof Float32Array
      ? "float32"
      : entry.values instanceof Float64Array
        ? "float64"
        : entry.values instanceof Int32Array
          ? "int32"
          : undefined;
  if (arrayDtype !== entry.dtype) {
    throw new RnnkitError(
      WHERE,
      `tensor "${name}" is ${entry.dtype} but its values are a ${entry.values?.constructor?.name}`,
    );
  }
  let size = 1;
  for (const d of entry.shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new RnnkitError(
        WHERE,
        `tensor "${name}" has shape ${shapeToString(entry.shape)} with an invalid dimension ${d}`,
      );
    }
    size *= d;
  }
  if (size !== entry.values.length) {
    throw new RnnkitError(
      WHERE,
      `tensor "${name}" has shape ${shapeToString(entry.shape)} (${size} values) but ${entry.values.length} values`,
    );
  }
}

function writeLittleEndian(view: DataView, position: number, values: TypedArray): void {
  if (LITTLE_ENDIAN_HOST) {
    new Uint8Array(view.buffer, position, values.byteLength).set(
      new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
    );
    return;
  }
  const n = values.length;
  if (values instanceof Float64Array) {
    for (let i = 0; i < n; i++) view.setFloat64(position + 8 * i, values[i] as number, true);
  } else if (values instanceof Float32Array) {
    for (let i = 0; i < n; i++) view.setFloat32(position + 4 * i, values[i] as number, true);
  } else {
    for (let i = 0; i < n; i++) view.setInt32(position + 4 * i, values[i] as number, true);
  }
}

type HeaderEntry = { name: string; dtype: string; shape: number[]; begin: number; end: number };

/**
 * Reads a safetensors file. F32, F64 and I32 keep their dtype; F16 and BF16 widen to float32; I64
 * narrows to int32 (an error if a value does not fit). Values are copied into fresh typed arrays.
 * Any malformed header or data layout throws an RnnkitError that says what is wrong.
 */
export function decodeSafetensors(bytes: Uint8Array): SafetensorsContent {
  if (bytes.length < 8) {
    throw new RnnkitError(
      WHERE,
      `file is ${bytes.length} bytes; it must start with an 8-byte header length`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getBigUint64(0, true);
  if (headerLength > BigInt(bytes.length - 8)) {
    throw new RnnkitError(
      WHERE,
      `header length ${headerLength} is beyond the file size (${bytes.length - 8} bytes after the length field)`,
    );
  }
  const dataStart = 8 + Number(headerLength);
  const dataLength = bytes.length - dataStart;
  const header = parseHeader(bytes.subarray(8, dataStart));

  const metadata = readMetadata(header[METADATA_KEY]);
  const entries: HeaderEntry[] = [];
  for (const [name, raw] of Object.entries(header)) {
    if (name === METADATA_KEY) continue;
    const entry = readHeaderEntry(name, raw);
    if (entry.end > dataLength) {
      throw new RnnkitError(
        WHERE,
        `tensor "${name}" has data_offsets [${entry.begin},${entry.end}] outside the data region of ${dataLength} bytes`,
      );
    }
    const itemSize = ITEM_SIZE[entry.dtype] as number;
    const size = entry.shape.reduce((a, b) => a * b, 1);
    if (entry.end - entry.begin !== itemSize * size) {
      throw new RnnkitError(
        WHERE,
        `tensor "${name}" has data_offsets [${entry.begin},${entry.end}] (${entry.end - entry.begin} bytes) but ${entry.dtype} ${shapeToString(entry.shape)} needs ${itemSize * size} bytes`,
      );
    }
    entries.push(entry);
  }
  checkContiguous(entries, dataLength);

  const tensors: [string, SafetensorsEntry][] = entries.map((entry) => [
    entry.name,
    readTensor(entry, view, dataStart),
  ]);
  // Object.fromEntries defines own properties, so a name like "__proto__" stays an ordinary key.
  return { tensors: Object.fromEntries(tensors), metadata };
}

function parseHeader(headerBytes: Uint8Array): Record<string, unknown> {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(headerBytes);
  } catch {
    throw new RnnkitError(WHERE, "header is not valid UTF-8");
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (error) {
    throw new RnnkitError(WHERE, `header is not JSON: ${(error as Error).message}`);
  }
  if (typeof header !== "object" || header === null || Array.isArray(header)) {
    throw new RnnkitError(
      WHERE,
      `header must be a JSON object, got ${header === null ? "null" : Array.isArray(header) ? "an array" : typeof header}`,
    );
  }
  return header as Record<string, unknown>;
}

function readMetadata(raw: unknown): Record<string, string> {
  if (raw === undefined) return {};
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new RnnkitError(WHERE, `"${METADATA_KEY}" must be an object of strings`);
  }
  const metadata: [string, string][] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== "string") {
      throw new RnnkitError(
        WHERE,
        `"${METADATA_KEY}" value "${key}" must be a string, got ${JSON.stringify(value)}`,
      );
    }
    metadata.push([key, value]);
  }
  return Object.fromEntries(metadata);
}

function isIndex(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

function readHeaderEntry(name: string, raw: unknown): HeaderEntry {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new RnnkitError(WHERE, `tensor "${name}": header entry must be an object`);
  }
  const { dtype, shape, data_offsets: offsets } = raw as Record<string, unknown>;
  if (typeof dtype !== "string" || ITEM_SIZE[dtype] === undefined) {
    throw new RnnkitError(
      WHERE,
      `tensor "${name}" has unsupported dtype ${JSON.stringify(dtype)}; supported: ${Object.keys(ITEM_SIZE).join(", ")}`,
    );
  }
  if (!Array.isArray(shape) || !shape.every(isIndex)) {
    throw new RnnkitError(
      WHERE,
      `tensor "${name}" has shape ${JSON.stringify(shape)}; expected an array of non-negative integers`,
    );
  }
  const [begin, end] = Array.isArray(offsets) && offsets.length === 2 ? offsets : [];
  if (!isIndex(begin) || !isIndex(end) || begin > end) {
    throw new RnnkitError(
      WHERE,
      `tensor "${name}" has data_offsets ${JSON.stringify(offsets)}; expected [begin, end] with 0 <= begin <= end`,
    );
  }
  return { name, dtype, shape: shape as number[], begin, end };
}

/** The tensors must tile the data region exactly: start at 0, no gap, no overlap, no trailing bytes. */
function checkContiguous(entries: readonly HeaderEntry[], dataLength: number): void {
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let position = 0;
  let previous: HeaderEntry | undefined;
  for (const entry of sorted) {
    if (entry.begin < position) {
      throw new RnnkitError(
        WHERE,
        `tensor "${entry.name}" [${entry.begin},${entry.end}] overlaps tensor "${previous?.name}" [${previous?.begin},${previous?.end}]`,
      );
    }
    if (entry.begin > position) {
      throw new RnnkitError(
        WHERE,
        `data is not contiguous: bytes [${position},${entry.begin}) before tensor "${entry.name}" belong to no tensor`,
      );
    }
    position = entry.end;
    previous = entry;
  }
  if (position !== dataLength) {
    throw new RnnkitError(
      WHERE,
      `data region is ${dataLength} bytes but the tensors cover only [0,${position}): bytes [${position},${dataLength}) belong to no tensor`,
    );
  }
}

function readTensor(entry: HeaderEntry, view: DataView, dataStart: number): SafetensorsEntry {
  const start = dataStart + entry.begin;
  const byteLength = entry.end - entry.begin;
  const shape = [...entry.shape];
  switch (entry.dtype) {
    case "F64": {
      const values = new Float64Array(byteLength / 8);
      if (LITTLE_ENDIAN_HOST) copyBytes(view, start, values);
      else for (let i = 0; i < values.length; i++) values[i] = view.getFloat64(start + 8 * i, true);
      return { dtype: "float64", shape, values };
    }
    case "F32": {
      const values = new Float32Array(byteLength / 4);
      if (LITTLE_ENDIAN_HOST) copyBytes(view, start, values);
      else for (let i = 0; i < values.length; i++) values[i] = view.getFloat32(start + 4 * i, true);
      return { dtype: "float32", shape, values };
    }
    case "I32": {
      const values = new Int32Array(byteLength / 4);
      if (LITTLE_ENDIAN_HOST) copyBytes(view, start, values);
      else for (let i = 0; i < values.length; i++) values[i] = view.getInt32(start + 4 * i, true);
      return { dtype: "int32", shape, values };
    }
    case "I64": {
      const values = new Int32Array(byteLength / 8);
      for (let i = 0; i < values.length; i++) {
        const value = view.getBigInt64(start + 8 * i, true);
        if (value < -2147483648n || value > 2147483647n) {
          throw new RnnkitError(
            WHERE,
            `tensor "${entry.name}" is I64 and its value ${value} at index ${i} does not fit in int32`,
          );
        }
        values[i] = Number(value);
      }
      return { dtype: "int32", shape, values };
    }
    case "F16": {
      const values = new Float32Array(byteLength / 2);
      for (let i = 0; i < values.length; i++)
        values[i] = halfToNumber(view.getUint16(start + 2 * i, true));
      return { dtype: "float32", shape, values };
    }
    default: {
      // BF16 is the top half of a float32: shift its bits into place.
      const values = new Float32Array(byteLength / 2);
      const bits = new Uint32Array(values.buffer);
      for (let i = 0; i < values.length; i++) bits[i] = view.getUint16(start + 2 * i, true) << 16;
      return { dtype: "float32", shape, values };
    }
  }
}

function copyBytes(view: DataView, start: number, target: TypedArray): void {
  new Uint8Array(target.buffer).set(
    new Uint8Array(view.buffer, view.byteOffset + start, target.byteLength),
  );
}

/** IEEE 754 binary16: (-1)^s · 2^(e−15) · (1 + f/1024); subnormal (e = 0): (-1)^s · 2^−14 · f/1024. */
function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}
