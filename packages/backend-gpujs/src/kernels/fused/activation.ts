/**
 * Activations written into kernel source, safe for any input: the exponent is never positive, so
 * e^… cannot overflow (gpu.js's GLSL tanh is NaN above |x| ≈ 44; these give ±1, 0 or 1).
 *   σ(x) = 1 / (1 + e^−x) for x ≥ 0, e^x / (1 + e^x) below
 *   tanh x = sign(x) · (1 − e^−2|x|) / (1 + e^−2|x|)
 */
export function sigmoidStatements(x: string, result: string): string {
  return `const ${result}e = Math.exp(-Math.abs(${x}));
  const ${result} = ${x} >= 0.0 ? 1.0 / (1.0 + ${result}e) : ${result}e / (1.0 + ${result}e);`;
}

export function tanhStatements(x: string, result: string): string {
  return `const ${result}e = Math.exp(-2.0 * Math.abs(${x}));
  const ${result}t = (1.0 - ${result}e) / (1.0 + ${result}e);
  const ${result} = ${x} < 0.0 ? -${result}t : ${result}t;`;
}
