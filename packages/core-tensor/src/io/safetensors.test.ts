import { describe, expect, it } from "vitest";
import { RnnkitError } from "../errors.js";
import { decodeSafetensors, encodeSafetensors } from "./safetensors.js";

/** A file from a header (object or raw text) and data bytes; `headerLength` overrides the length field. */
function buildFile(
  header: unknown,
  data: readonly number[] = [],
  headerLength?: number | bigint,
): Uint8Array {
  const json =
    header instanceof Uint8Array
      ? header
      : new TextEncoder().encode(typeof header === "string" ? header : JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerLength ?? json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

function decodeError(bytes: Uint8Array): RnnkitError {
  try {
    decodeSafetensors(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(RnnkitError);
    expect((error as RnnkitError).where).toBe("safetensors");
    return error as RnnkitError;
  }
  throw new Error("decodeSafetensors did not throw");
}

describe("encodeSafetensors", () => {
  it("writes the documented layout byte for byte", () => {
    const bytes = encodeSafetensors(
      {
        a: { dtype: "float32", shape: [2], values: new Float32Array([1, -2]) },
        b: { dtype: "int32", shape: [1], values: new Int32Array([7]) },
        c: { dtype: "float64", shape: [], values: new Float64Array([0.5]) },
      },
      { k: "v" },
    );
    // Largest element size first (c: F64), then by name (a, b).
    const header =
      '{"__metadata__":{"k":"v"},' +
      '"c":{"dtype":"F64","shape":[],"data_offsets":[0,8]},' +
      '"a":{"dtype":"F32","shape":[2],"data_offsets":[8,16]},' +
      '"b":{"dtype":"I32","shape":[1],"data_offsets":[16,20]}}';
    const padded = header.padEnd(Math.ceil(header.length / 8) * 8, " ");
    const data = [
      ...[0, 0, 0, 0, 0, 0, 0xe0, 0x3f], // 0.5 as F64 LE
      ...[0, 0, 0x80, 0x3f], // 1 as F32 LE
      ...[0, 0, 0, 0xc0], // -2 as F32 LE
      ...[7, 0, 0, 0], // 7 as I32 LE
    ];
    const expected = buildFile(padded, data);
    expect(padded.length % 8).toBe(0);
    expect(Array.from(bytes)).toEqual(Array.from(expected));
  });

  it("gives the same bytes whatever the insertion order", () => {
    const x = { dtype: "float32" as const, shape: [1], values: new Float32Array([1]) };
    const y = { dtype: "float64" as const, shape: [1], values: new Float64Array([2]) };
    const z = { dtype: "float32" as const, shape: [1], values: new Float32Array([3]) };
    expect(encodeSafetensors({ x, y, z })).toEqual(encodeSafetensors({ z, y, x }));
  });

  it("omits __metadata__ when none is given", () => {
    const bytes = encodeSafetensors({});
    expect(Array.from(bytes)).toEqual(Array.from(buildFile("{}      ")));
  });

  it("rejects entries whose values do not match dtype or shape", () => {
    expect(() =>
      encodeSafetensors({ w: { dtype: "float64", shape: [2], values: new Float32Array(2) } }),
    ).toThrow('safetensors: tensor "w" is float64 but its values are a Float32Array');
    expect(() =>
      encodeSafetensors({ w: { dtype: "float32", shape: [2, 2], values: new Float32Array(3) } }),
    ).toThrow('safetensors: tensor "w" has shape [2,2] (4 values) but 3 values');
    expect(() =>
      encodeSafetensors({ __metadata__: { dtype: "int32", shape: [0], values: new Int32Array() } }),
    ).toThrow('"__metadata__" is reserved');
    expect(() => encodeSafetensors({}, { n: 3 } as unknown as Record<string, string>)).toThrow(
      'metadata "n" must be a string, got number',
    );
  });
});

describe("decodeSafetensors", () => {
  it("round-trips float32, float64 and int32 with shapes and metadata", () => {
    const entries = {
      weight: {
        dtype: "float32" as const,
        shape: [2, 3],
        values: new Float32Array([0.1, -2.5, 3e-8, 1e30, -0, Number.NaN]),
      },
      bias: {
        dtype: "float64" as const,
        shape: [3],
        values: new Float64Array([Math.PI, -1e-300, 7]),
      },
      index: {
        dtype: "int32" as const,
        shape: [2, 1, 2],
        values: new Int32Array([-2147483648, 0, 1, 2147483647]),
      },
      empty: { dtype: "float32" as const, shape: [0, 4], values: new Float32Array(0) },
      scalar: { dtype: "float64" as const, shape: [], values: new Float64Array([-3.25]) },
    };
    const metadata = { format: "pt", config: '{"hidden":6}' };
    const { tensors, metadata: readBack } = decodeSafetensors(encodeSafetensors(entries, metadata));
    expect(readBack).toEqual(metadata);
    expect(Object.keys(tensors).sort()).toEqual(Object.keys(entries).sort());
    for (const [name, entry] of Object.entries(entries)) {
      const decoded = tensors[name];
      expect(decoded?.dtype).toBe(entry.dtype);
      expect(decoded?.shape).toEqual(entry.shape);
      expect(decoded?.values).toEqual(entry.values);
      expect(decoded?.values.constructor).toBe(entry.values.constructor);
    }
    expect(Object.is(tensors.weight?.values[4], -0)).toBe(true);
  });

  it("copies into aligned arrays even from an unaligned, offset view", () => {
    const file = encodeSafetensors({
      a: { dtype: "float32", shape: [1], values: new Float32Array([1.5]) },
      b: { dtype: "float64", shape: [2], values: new Float64Array([2.5, -4]) },
    });
    const shifted = new Uint8Array(file.length + 3);
    shifted.set(file, 3);
    const { tensors } = decodeSafetensors(shifted.subarray(3));
    expect(Array.from(tensors.b?.values ?? [])).toEqual([2.5, -4]);
    expect(Array.from(tensors.a?.values ?? [])).toEqual([1.5]);
    shifted.fill(0);
    expect(Array.from(tensors.b?.values ?? [])).toEqual([2.5, -4]);
  });

  it("reads a hand-built header with space padding and no metadata", () => {
    const header = '{"x":{"dtype":"I32","shape":[2],"data_offsets":[0,8]}}   ';
    const { tensors, metadata } = decodeSafetensors(
      buildFile(header, [1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]),
    );
    expect(metadata).toEqual({});
    expect(tensors.x).toEqual({ dtype: "int32", shape: [2], values: new Int32Array([1, -1]) });
  });

  it("reads I64 as int32", () => {
    const data = [
      ...[5, 0, 0, 0, 0, 0, 0, 0],
      ...[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], // -1
      ...[0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0], // 2^31 - 1
      ...[0, 0, 0, 0x80, 0xff, 0xff, 0xff, 0xff], // -2^31
    ];
    const file = buildFile({ n: { dtype: "I64", shape: [4], data_offsets: [0, 32] } }, data);
    expect(decodeSafetensors(file).tensors.n).toEqual({
      dtype: "int32",
      shape: [4],
      values: new Int32Array([5, -1, 2147483647, -2147483648]),
    });
  });

  it("rejects an I64 value outside int32", () => {
    const data = [...[1, 0, 0, 0, 0, 0, 0, 0], ...[0, 0, 0, 0x80, 0, 0, 0, 0]]; // 1, 2^31
    const file = buildFile({ n: { dtype: "I64", shape: [2], data_offsets: [0, 16] } }, data);
    expect(decodeError(file).message).toBe(
      'safetensors: tensor "n" is I64 and its value 2147483648 at index 1 does not fit in int32',
    );
  });

  it("widens F16 to float32", () => {
    // 1, -2, 1/3 rounded, 65504 (max), 2^-24 (smallest subnormal), -0, +Inf, -Inf, NaN
    const halves = [0x3c00, 0xc000, 0x3555, 0x7bff, 0x0001, 0x8000, 0x7c00, 0xfc00, 0x7e00];
    const data = halves.flatMap((h) => [h & 0xff, h >> 8]);
    const file = buildFile({ h: { dtype: "F16", shape: [9], data_offsets: [0, 18] } }, data);
    const { dtype, values } = decodeSafetensors(file).tensors.h ?? {};
    expect(dtype).toBe("float32");
    expect(values).toBeInstanceOf(Float32Array);
    const expected = [1, -2, 0.333251953125, 65504, 2 ** -24, -0, Infinity, -Infinity, Number.NaN];
    expect(Array.from(values ?? [])).toEqual(expected);
  });

  it("widens BF16 to float32", () => {
    // bf16 = top 16 bits of the float32: 1 (0x3f80), -3 (0xc040), 3.140625 (0x4049), -Inf (0xff80)
    const halves = [0x3f80, 0xc040, 0x4049, 0xff80];
    const data = halves.flatMap((h) => [h & 0xff, h >> 8]);
    const file = buildFile({ b: { dtype: "BF16", shape: [2, 2], data_offsets: [0, 8] } }, data);
    expect(decodeSafetensors(file).tensors.b).toEqual({
      dtype: "float32",
      shape: [2, 2],
      values: new Float32Array([1, -3, 3.140625, -Infinity]),
    });
  });

  describe("says what is wrong with a corrupt file", () => {
    const f32 = (offsets: unknown, shape: unknown = [1]) => ({
      dtype: "F32",
      shape,
      data_offsets: offsets,
    });
    const cases: [string, Uint8Array, string][] = [
      [
        "shorter than 8 bytes",
        new Uint8Array(5),
        "safetensors: file is 5 bytes; it must start with an 8-byte header length",
      ],
      [
        "header length beyond the file",
        buildFile("{}", [], 100),
        "safetensors: header length 100 is beyond the file size (2 bytes after the length field)",
      ],
      [
        "header length with high bits set",
        buildFile("{}", [], 2n ** 40n),
        "safetensors: header length 1099511627776 is beyond the file size",
      ],
      ["header not JSON", buildFile('{"a": '), "safetensors: header is not JSON"],
      [
        "header not UTF-8",
        buildFile(new Uint8Array([0x7b, 0xff, 0x7d])),
        "safetensors: header is not valid UTF-8",
      ],
      [
        "header an array",
        buildFile("[]"),
        "safetensors: header must be a JSON object, got an array",
      ],
      [
        "unknown dtype",
        buildFile({ w: { dtype: "U8", shape: [1], data_offsets: [0, 1] } }, [0]),
        'safetensors: tensor "w" has unsupported dtype "U8"; supported: F64, I64, F32, I32, F16, BF16',
      ],
      [
        "bad shape",
        buildFile({ w: f32([0, 4], [-1]) }, [0, 0, 0, 0]),
        'safetensors: tensor "w" has shape [-1]; expected an array of non-negative integers',
      ],
      [
        "bad data_offsets",
        buildFile({ w: f32([4, 0]) }, [0, 0, 0, 0]),
        'safetensors: tensor "w" has data_offsets [4,0]; expected [begin, end] with 0 <= begin <= end',
      ],
      [
        "data_offsets outside the data region",
        buildFile({ w: f32([0, 8], [2]) }, [0, 0, 0, 0]),
        'safetensors: tensor "w" has data_offsets [0,8] outside the data region of 4 bytes',
      ],
      [
        "data_offsets not matching dtype × shape",
        buildFile({ w: f32([0, 8], [3]) }, [0, 0, 0, 0, 0, 0, 0, 0]),
        'safetensors: tensor "w" has data_offsets [0,8] (8 bytes) but F32 [3] needs 12 bytes',
      ],
      [
        "overlapping tensors",
        buildFile({ a: f32([0, 4]), b: f32([2, 6]) }, [0, 0, 0, 0, 0, 0]),
        'safetensors: tensor "b" [2,6] overlaps tensor "a" [0,4]',
      ],
      [
        "a gap between tensors",
        buildFile({ a: f32([0, 4]), b: f32([6, 10]) }, new Array<number>(10).fill(0)),
        'safetensors: data is not contiguous: bytes [4,6) before tensor "b" belong to no tensor',
      ],
      [
        "bytes after the last tensor",
        buildFile({ a: f32([0, 4]) }, new Array<number>(6).fill(0)),
        "safetensors: data region is 6 bytes but the tensors cover only [0,4): bytes [4,6) belong to no tensor",
      ],
      [
        "metadata not strings",
        buildFile({ __metadata__: { n: 1 } }),
        'safetensors: "__metadata__" value "n" must be a string, got 1',
      ],
    ];
    for (const [label, bytes, message] of cases) {
      it(label, () => {
        expect(decodeError(bytes).message.startsWith(message)).toBe(true);
      });
    }
  });
});
