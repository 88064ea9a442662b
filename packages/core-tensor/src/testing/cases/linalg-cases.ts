import type { ConformanceCase, GradientCase } from "../conformance-case.js";

export const linalgCases: ConformanceCase[] = [];

export const linalgGradientCases: GradientCase[] = [];
