/** A string as its code points (so an emoji counts once); an array as it is. */
export function symbolsOf<T>(sequence: string | readonly T[]): readonly (T | string)[] {
  return typeof sequence === "string" ? Array.from(sequence) : sequence;
}
