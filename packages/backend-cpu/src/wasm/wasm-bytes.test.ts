import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import wabtInit from "wabt";
import { gemmWasmBase64 } from "./gemm-wasm-bytes.js";
import { lstmWasmBase64 } from "./lstm-wasm-bytes.js";

// The shipped bytes must be the committed WebAssembly text, assembled (after editing a .wat file,
// run `pnpm --filter @rnnkit/backend-cpu build:wasm`).
describe("WebAssembly modules", () => {
  for (const [file, base64] of [
    ["gemm.wat", gemmWasmBase64],
    ["lstm.wat", lstmWasmBase64],
  ] as const) {
    it(`the bytes in the TypeScript module are ${file} assembled`, async () => {
      const wabt = await wabtInit();
      const wat = readFileSync(new URL(`./${file}`, import.meta.url), "utf8");
      const parsed = wabt.parseWat(file, wat, { simd: true });
      const assembled = Buffer.from(parsed.toBinary({ write_debug_names: true }).buffer);
      parsed.destroy();
      expect(Buffer.from(base64, "base64").equals(assembled)).toBe(true);
    });
  }
});
