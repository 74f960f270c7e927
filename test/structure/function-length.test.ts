// The project's rule: no function in src/ over 80 lines. Every function-like
// node (declaration, expression, arrow, method, accessor, constructor) in every
// src/**/*.ts file is measured from its first to its last line, as an editor
// counts them (so a nested function counts in its parent's length too).
import t from 'tap';
import ts from 'typescript';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const MAX_LINES = 80;
const root = join(import.meta.dirname, '..', '..');
const srcDir = join(root, 'src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? tsFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

interface Fn {
  where: string;
  lines: number;
}

function functionsOf(file: string): Fn[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: Fn[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const last = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      const name = (node as ts.FunctionLikeDeclaration).name?.getText(sf) ?? '<anonymous>';
      out.push({ where: `${relative(root, file)}:${first + 1} ${name}`, lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const files = tsFiles(srcDir);
const fns = files.flatMap(functionsOf);

t.test('the scan finds the source and its functions', async (t) => {
  t.ok(files.length > 50, `${files.length} files under src/`);
  t.ok(fns.length > 500, `${fns.length} functions`);
});

t.test(`no function in src/ is over ${MAX_LINES} lines`, async (t) => {
  const long = fns.filter((f) => f.lines > MAX_LINES).map((f) => `${f.where} (${f.lines} lines)`);
  t.same(long, []);
});
