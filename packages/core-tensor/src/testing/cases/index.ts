import type { ConformanceCase, GradientCase } from "../conformance-case.js";
import { elementwiseCases, elementwiseGradientCases } from "./elementwise-cases.js";
import { fusedCases, fusedGradientCases } from "./fused-cases.js";
import { linalgCases, linalgGradientCases } from "./linalg-cases.js";
import { movementCases, movementGradientCases } from "./movement-cases.js";
import { reductionCases, reductionGradientCases } from "./reduction-cases.js";

export const conformanceCases: readonly ConformanceCase[] = [
  ...elementwiseCases,
  ...reductionCases,
  ...linalgCases,
  ...movementCases,
  ...fusedCases,
];

export const gradientCases: readonly GradientCase[] = [
  ...elementwiseGradientCases,
  ...reductionGradientCases,
  ...linalgGradientCases,
  ...movementGradientCases,
  ...fusedGradientCases,
];
