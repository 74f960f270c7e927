// Checks GitHub workflow files with GitHub's own parser (@actions/workflow-parser,
// the one behind the Actions language server): schema, keys, expressions.
// Run through tsx (the package imports its JSON schema the way bundlers do):
//   node_modules/.bin/tsx scripts/check-workflows.ts [file.yml ...]
// Default: every workflow of .github/workflows. Exit 1 when any has an error.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';

const dir = join(import.meta.dirname, '../.github/workflows');
const files = process.argv.length > 2 ? process.argv.slice(2) : readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(dir, f));
let failed = 0;
for (const file of files) {
  const r = parseWorkflow({ name: file, content: readFileSync(file, 'utf8') }, new NoOperationTraceWriter());
  const errors = r.context.errors.getErrors().map((e) => e.message);
  failed += errors.length > 0 ? 1 : 0;
  console.log(errors.length === 0 ? `${file}: ok` : errors.map((e) => `${file}: ${e}`).join('\n'));
}
process.exitCode = failed > 0 ? 1 : 0;
