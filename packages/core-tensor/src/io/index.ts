export {
  decodeSafetensors,
  encodeSafetensors,
  type SafetensorsContent,
  type SafetensorsEntry,
} from "./safetensors.js";
export { safetensorsToTensors, tensorsToSafetensors } from "./safetensors-tensors.js";
