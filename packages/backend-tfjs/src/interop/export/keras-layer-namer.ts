/** Keras-style unique layer names: `lstm`, `lstm_1`, `lstm_2`, … per base name. */
export class KerasLayerNamer {
  private readonly counts = new Map<string, number>();

  next(base: string): string {
    const count = this.counts.get(base) ?? 0;
    this.counts.set(base, count + 1);
    return count === 0 ? base : `${base}_${count}`;
  }
}
