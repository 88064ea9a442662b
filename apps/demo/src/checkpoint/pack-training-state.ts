import { encodeSafetensors, type SafetensorsEntry, type Tensor } from "@rnnkit/core-tensor";
import { type Module, saveSafetensors } from "@rnnkit/layers-recurrent";
import type { Optimizer } from "@rnnkit/optim";

/** Optimizer state without its slot values (those go to the "state" section as tensors). */
export interface OptimizerHeader {
  type: string;
  learningRate: number;
  stepCount: number;
  /** Per parameter: its step count and slot names, or null before its first gradient. */
  parameters: ({ step: number; slots: string[] } | null)[];
}

export interface PackedTrainingState {
  optimizer?: OptimizerHeader;
  sections: { weights: Uint8Array; state: Uint8Array };
}

/**
 * The binary part of a checkpoint: "weights" = the model's parameters as a plain safetensors file
 * (PyTorch names: `safetensors.torch.load_file` reads it), "state" = safetensors of the optimizer's
 * slots ("optimizer.<param>.<slot>") and any `extra` tensors (e.g. the carried hidden state).
 */
export function packTrainingState(
  model: Module,
  optimizer?: Optimizer,
  extra: Record<string, Tensor> = {},
): PackedTrainingState {
  const entries: Record<string, SafetensorsEntry> = {};
  let header: OptimizerHeader | undefined;
  if (optimizer !== undefined) {
    const state = optimizer.stateDict();
    header = {
      type: state.type,
      learningRate: state.learningRate,
      stepCount: state.stepCount,
      parameters: state.parameters.map((entry, i) => {
        if (entry === null) return null;
        for (const [name, slot] of Object.entries(entry.slots)) {
          const values =
            slot.dtype === "float64"
              ? new Float64Array(slot.values)
              : new Float32Array(slot.values);
          entries[`optimizer.${i}.${name}`] = { dtype: slot.dtype, shape: slot.shape, values };
        }
        return { step: entry.step, slots: Object.keys(entry.slots) };
      }),
    };
  }
  for (const [name, t] of Object.entries(extra)) {
    entries[`extra.${name}`] = { dtype: t.dtype, shape: [...t.shape], values: t.dataSync() };
  }
  return {
    ...(header === undefined ? {} : { optimizer: header }),
    sections: { weights: saveSafetensors(model), state: encodeSafetensors(entries) },
  };
}
