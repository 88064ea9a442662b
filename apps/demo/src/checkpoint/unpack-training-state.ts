import { decodeSafetensors, RnnkitError, type SafetensorsEntry } from "@rnnkit/core-tensor";
import { loadSafetensors, type Module } from "@rnnkit/layers-recurrent";
import type { Optimizer, OptimizerState } from "@rnnkit/optim";
import { CliError } from "../cli/cli-error.js";
import type { CheckpointContent } from "./checkpoint-content.js";
import type { OptimizerHeader } from "./pack-training-state.js";

/**
 * Loads a checkpoint's weights into `model` and, when given, its slots into `optimizer`; returns
 * the extra tensors. A checkpoint that does not fit (other sizes, other layers) is a CliError
 * naming the file and the first difference.
 */
export function unpackTrainingState(
  content: CheckpointContent,
  path: string,
  model: Module,
  optimizer?: { optimizer: Optimizer; header: OptimizerHeader },
): Record<string, SafetensorsEntry> {
  const { weights, state } = content.sections;
  if (weights === undefined || state === undefined) {
    throw new CliError(`${path} has no weights; it was not written by rnnkit train`);
  }
  try {
    loadSafetensors(model, weights);
    const { tensors } = decodeSafetensors(state);
    if (optimizer !== undefined) {
      const { header } = optimizer;
      const restored: OptimizerState = {
        type: header.type,
        learningRate: header.learningRate,
        stepCount: header.stepCount,
        parameters: header.parameters.map((entry, i) => {
          if (entry === null) return null;
          const slots: OptimizerState["parameters"][number] & object = {
            step: entry.step,
            slots: {},
          };
          for (const name of entry.slots) {
            const slot = tensors[`optimizer.${i}.${name}`];
            if (slot === undefined)
              throw new CliError(`${path}: optimizer slot ${i}.${name} is missing`);
            slots.slots[name] = {
              shape: slot.shape,
              dtype: slot.dtype === "float64" ? "float64" : "float32",
              values: Array.from(slot.values),
            };
          }
          return slots;
        }),
      };
      optimizer.optimizer.loadStateDict(restored);
    }
    const extra: Record<string, SafetensorsEntry> = {};
    for (const [name, entry] of Object.entries(tensors)) {
      if (name.startsWith("extra.")) extra[name.slice(6)] = entry;
    }
    return extra;
  } catch (error) {
    if (error instanceof RnnkitError) {
      throw new CliError(`${path} does not fit this model (${error.message})`);
    }
    throw error;
  }
}
