export { conformanceCases, gradientCases } from "./cases/index.js";
export {
  type CheckGradientOptions,
  type CheckGradientResult,
  checkGradient,
  checkVariableGradient,
} from "./check-gradient.js";
export {
  type ConformanceOptions,
  describeBackendConformance,
  expectTensor,
} from "./conformance.js";
export type { ConformanceCase, ExpectedTensor, GradientCase } from "./conformance-case.js";
