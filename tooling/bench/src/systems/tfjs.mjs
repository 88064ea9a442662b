// @tensorflow/tfjs 4.22.0 with its pure-JS `cpu` backend and @tensorflow/tfjs-backend-wasm 4.22.0.
// In Node the wasm backend is single-threaded (WASM_HAS_MULTITHREAD_SUPPORT is false there) and
// uses SIMD; rnnkit's CPU backend is single-threaded too.

/** Imports tfjs and registers the wasm backend; returns the `tf` namespace. */
export async function loadTfjs() {
  const tf = await import("@tensorflow/tfjs");
  await import("@tensorflow/tfjs-backend-wasm");
  return tf;
}
