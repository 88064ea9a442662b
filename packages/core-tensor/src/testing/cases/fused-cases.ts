import type { ConformanceCase, GradientCase } from "../conformance-case.js";

export const fusedCases: ConformanceCase[] = [];

export const fusedGradientCases: GradientCase[] = [];
