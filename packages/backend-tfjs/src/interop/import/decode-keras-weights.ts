import { RnnkitError, sizeFromShape } from "@rnnkit/core-tensor";
import type { KerasWeightSpec } from "../keras-model-artifacts.js";
import type { DecodedWeight } from "./decoded-weight.js";

function concatBuffers(parts: readonly ArrayBuffer[]): ArrayBuffer {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(new Uint8Array(part), offset);
    offset += part.byteLength;
  }
  return out.buffer;
}

/**
 * Reads each weight of `specs` from the concatenated little-endian weight bytes, in order (the
 * tfjs format): float32 and int32 as stored, uint8/uint16 affine-quantized weights as q·scale + min.
 */
export function decodeKerasWeights(
  specs: readonly KerasWeightSpec[],
  data: ArrayBuffer | readonly ArrayBuffer[],
): DecodedWeight[] {
  const buffer = Array.isArray(data) ? concatBuffers(data) : (data as ArrayBuffer);
  let offset = 0;
  return specs.map((spec) => {
    const size = sizeFromShape(spec.shape);
    const q = spec.quantization;
    let values: Float32Array | Int32Array;
    let bytes: number;
    if (q !== undefined) {
      if (q.dtype !== "uint8" && q.dtype !== "uint16") {
        throw new RnnkitError(
          "importKerasModel",
          `weight "${spec.name}" is quantized as ${q.dtype}; only uint8 and uint16 are supported`,
        );
      }
      bytes = size * (q.dtype === "uint8" ? 1 : 2);
      checkLength(spec, offset + bytes, buffer.byteLength);
      const raw = buffer.slice(offset, offset + bytes);
      const quantized = q.dtype === "uint8" ? new Uint8Array(raw) : new Uint16Array(raw);
      const scale = q.scale ?? 1;
      const min = q.min ?? 0;
      values = Float32Array.from(quantized, (v) => v * scale + min);
    } else {
      if (spec.dtype !== "float32" && spec.dtype !== "int32") {
        throw new RnnkitError(
          "importKerasModel",
          `weight "${spec.name}" has dtype ${String(spec.dtype)}; expected float32 or int32`,
        );
      }
      bytes = size * 4;
      checkLength(spec, offset + bytes, buffer.byteLength);
      const raw = buffer.slice(offset, offset + bytes);
      values = spec.dtype === "float32" ? new Float32Array(raw) : new Int32Array(raw);
    }
    offset += bytes;
    return { name: spec.name, shape: [...spec.shape], values };
  });
}

function checkLength(spec: KerasWeightSpec, end: number, available: number): void {
  if (end > available) {
    throw new RnnkitError(
      "importKerasModel",
      `the weight data ends at byte ${available}, before weight "${spec.name}" (needs ${end})`,
    );
  }
}
