// Registers the gradient of every kernel (each written beside its op in ops/<family>/).
import { elementwiseGradConfigs } from "./ops/elementwise/index.js";
import { fusedGradConfigs } from "./ops/fused/index.js";
import { linalgGradConfigs } from "./ops/linalg/index.js";
import { movementGradConfigs } from "./ops/movement/index.js";
import { reductionGradConfigs } from "./ops/reduction/index.js";
import { registerGradient } from "./registry.js";

for (const config of [
  ...elementwiseGradConfigs,
  ...reductionGradConfigs,
  ...linalgGradConfigs,
  ...movementGradConfigs,
  ...fusedGradConfigs,
]) {
  registerGradient(config);
}
