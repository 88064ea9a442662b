/** The recurrent cell of a model. */
export const CELL_TYPES = ["rnn", "lstm", "gru"] as const;
export type CellType = (typeof CELL_TYPES)[number];

/** Everything that fixes a character model's architecture (saved in its checkpoint). */
export interface CharModelConfig {
  cell: CellType;
  layers: number;
  hidden: number;
  /** Size of the character embedding that feeds the first layer. */
  embedding: number;
  vocabSize: number;
  /** Dropout between layers and before the output layer, in training. */
  dropout: number;
}
