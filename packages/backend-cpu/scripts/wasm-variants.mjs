// The shared-memory variant of a module of src/wasm/: the same text with its memory declared
// `shared` (maximum 65536 pages, as shared memories need one) and, for gemm.wat, imported from
// env.memory (and still exported) so that worker threads instantiate it on one memory.
// Used by build-wasm.mjs and src/wasm/wasm-bytes.test.ts.
const RULES = {
  "gemm.wat": [
    '(memory (export "memory") 1)',
    '(memory (export "memory") (import "env" "memory") 1 65536 shared)',
  ],
  "lstm.wat": [
    '(import "env" "memory" (memory 1))',
    '(import "env" "memory" (memory 1 65536 shared))',
  ],
};

/** @param {string} file @param {string} text */
export function sharedMemoryVariant(file, text) {
  const rule = RULES[file];
  if (rule === undefined) throw new Error(`no shared-memory rule for ${file}`);
  const [plain, shared] = rule;
  if (text.split(plain).length !== 2) throw new Error(`${file}: expected one \`${plain}\``);
  return text.replace(plain, shared);
}
