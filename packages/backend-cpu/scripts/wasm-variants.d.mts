/** The shared-memory variant of src/wasm/<file> (gemm.wat or lstm.wat) from its text. */
export function sharedMemoryVariant(file: string, text: string): string;
