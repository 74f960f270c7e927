// No import cycles in src/: each file's imports as TypeScript's own
// pre-processor reads them (static and dynamic), the graph's strongly connected
// components by Tarjan's algorithm; a component of more than one file is a cycle.
import t from 'tap';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const SRC = resolve(import.meta.dirname, '../../src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.(ts|mts)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Each file's imports of other files of src/ (relative specifiers only). */
export function importGraph(files: string[]): Map<string, string[]> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const info = ts.preProcessFile(readFileSync(f, 'utf8'), true, true);
    const deps = info.importedFiles
      .map((i) => i.fileName)
      .filter((s) => s.startsWith('.'))
      .map((s) => resolve(dirname(f), s))
      .filter((p) => known.has(p));
    graph.set(f, [...new Set(deps)]);
  }
  return graph;
}

/** Tarjan's strongly connected components with more than one member. */
export function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) out.push(comp);
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

t.test('the cycle finder finds a cycle it is shown (a -> b -> c -> a, d alone)', async (t) => {
  const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]);
  const found = cycles(g);
  t.equal(found.length, 1);
  t.same([...found[0]!].sort(), ['a', 'b', 'c']);
});

t.test('src/ has no import cycle', async (t) => {
  const files = sources(SRC);
  const graph = importGraph(files);
  // The walk saw the tree: many files, and imports between them.
  t.ok(files.length > 50, `${files.length} files under src/`);
  t.ok([...graph.values()].reduce((n, d) => n + d.length, 0) > 100, 'imports between them');
  const found = cycles(graph).map((c) => c.map((f) => relative(SRC, f)).sort());
  t.same(found, [], found.map((c) => c.join(' -> ')).join('; '));
});
