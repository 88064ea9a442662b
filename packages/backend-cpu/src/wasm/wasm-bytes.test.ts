import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import wabtInit from "wabt";
import { sharedMemoryVariant } from "../../scripts/wasm-variants.mjs";
import { gemmSharedWasmBase64 } from "./gemm-shared-wasm-bytes.js";
import { gemmWasmBase64 } from "./gemm-wasm-bytes.js";
import { lstmSharedWasmBase64 } from "./lstm-shared-wasm-bytes.js";
import { lstmWasmBase64 } from "./lstm-wasm-bytes.js";

// The shipped bytes must be the committed WebAssembly text, assembled (after editing a .wat file,
// run `pnpm --filter @rnnkit/backend-cpu build:wasm`), plain and in its shared-memory variant.
describe("WebAssembly modules", () => {
  for (const [file, shared, base64] of [
    ["gemm.wat", false, gemmWasmBase64],
    ["lstm.wat", false, lstmWasmBase64],
    ["gemm.wat", true, gemmSharedWasmBase64],
    ["lstm.wat", true, lstmSharedWasmBase64],
  ] as const) {
    it(`the bytes in the TypeScript module are ${file} assembled${shared ? " (shared memory)" : ""}`, async () => {
      const wabt = await wabtInit();
      const wat = readFileSync(new URL(`./${file}`, import.meta.url), "utf8");
      const features = shared ? { simd: true, threads: true } : { simd: true };
      const parsed = wabt.parseWat(file, shared ? sharedMemoryVariant(file, wat) : wat, features);
      const assembled = Buffer.from(parsed.toBinary({ write_debug_names: true }).buffer);
      parsed.destroy();
      expect(Buffer.from(base64, "base64").equals(assembled)).toBe(true);
    });
  }
});
