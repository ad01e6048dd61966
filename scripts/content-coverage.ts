// npm run content:coverage [-- --json]
// Prints, per language, the locale keys, topics and hotline text still missing (vi is the reference):
// first the JSON report, then a table. With --json, the JSON only (for CI and other scripts).
import { contentCoverage, formatCoverageTable } from "../src/content/coverage.js";

try {
  const report = contentCoverage();
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  if (!process.argv.includes("--json")) process.stdout.write(`\n${formatCoverageTable(report)}\n`);
} catch (e) {
  // Invalid content is reported as such (file, entry, field), not as a stack trace.
  process.stderr.write(`${(e as Error).message}\n`);
  process.exitCode = 1;
}
