/**
 * The decoder's attention: "bahdanau" (additive, queried with the previous state), "luong-dot" or
 * "luong-general" (multiplicative, queried with the current state), or "none" (the decoder sees the
 * source only through its initial state).
 */
export type AttentionType = "none" | "bahdanau" | "luong-dot" | "luong-general";
