/**
 * Errors thrown by ops and layers. The message always starts with the op or layer name, then says
 * what was expected and what came: `matMul: inner dimensions differ: a is [2,3], b is [4,5]`.
 */
export class RnnkitError extends Error {
  /** The op, kernel or layer that raised the error. */
  readonly where: string;
  constructor(where: string, message: string) {
    super(`${where}: ${message}`);
    this.name = "RnnkitError";
    this.where = where;
  }
}

export function shapeToString(shape: readonly number[]): string {
  return `[${shape.join(",")}]`;
}
