// Prints the one line CI reads: "vitest: N passed, N failed, N skipped", from vitest's JSON report.
import { readFileSync } from "node:fs";

const report = JSON.parse(readFileSync(process.argv[2] ?? ".vitest-report.json", "utf8"));
// A test file that fails to load has no failed test inside it: count each such file as one failure.
const brokenFiles = report.testResults.filter(
  (file) =>
    file.status === "failed" && file.assertionResults.every((result) => result.status !== "failed"),
).length;
const failed = report.numFailedTests + brokenFiles;
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`vitest: ${report.numPassedTests} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = report.success && failed === 0 && report.numTotalTests > 0 ? 0 : 1;
