/** The recurrent cell of an encoder or decoder: LSTM, GRU (PyTorch's form) or a vanilla (Elman) RNN. */
export type CellType = "lstm" | "gru" | "rnn";
