// `ipvs-verify check-scenario <file>` through the real command line: every
// scenario of fixtures/scenarios/ is valid (exit 0, its name and duration), and
// broken copies of one are refused with the key and its line named, exit 2
// (README "Failures": an unknown key, a wrong type or impossible values).
import t from 'tap';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { execa } from 'execa';

const ROOT = new URL('../..', import.meta.url).pathname;
const SCENARIOS = join(ROOT, 'fixtures/scenarios');
const cli = (args: string[]) => execa(process.execPath, ['bin/ipvs-verify.js', ...args], { cwd: ROOT, reject: false, all: true });

t.test('every fixture scenario: ok, with the name and duration the file gives, exit 0', async (t) => {
  const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml')).sort();
  t.ok(files.length >= 11, `the suite's scenarios: ${files.join(', ')}`);
  for (const f of files) {
    const { name, duration } = parse(readFileSync(join(SCENARIOS, f), 'utf8')) as { name: string; duration: number };
    const path = join('fixtures/scenarios', f);
    const r = await cli(['check-scenario', path]);
    t.equal(r.exitCode, 0, `${f}: ${r.all}`);
    t.equal(r.stdout, `${path}: ok (${name}, ${duration} guest-s)`);
  }
});

t.test('broken copies of the smoke scenario: the key and its line named, exit 2', async (t) => {
  const smoke = readFileSync(join(SCENARIOS, 'smoke.yaml'), 'utf8');
  /** The 1-based line of the first line that starts with `prefix` (after indentation). */
  const lineOf = (text: string, prefix: string) => text.split('\n').findIndex((l) => l.trimStart().startsWith(prefix)) + 1;
  const cases = [
    { what: 'an unknown key', file: 'typo.yaml', text: smoke.replace('  persistence: 300', '  persistence: 300\n  persistance: 300'), line: 'persistance:', message: 'unknown key "service.persistance"' },
    { what: 'a wrong type', file: 'type.yaml', text: smoke.replace(/^duration: 160$/m, 'duration: long'), line: 'duration:', message: '"duration" must be number' },
    { what: 'a value out of range', file: 'range.yaml', text: smoke.replace('  conn_tab_bits: 12', '  conn_tab_bits: 30'), line: 'conn_tab_bits:', message: '"kernel.conn_tab_bits" must be <= 20' },
    { what: 'clients that stop before they start', file: 'order.yaml', text: smoke.replace(/^ {2}stop: \d+$/m, '  stop: 0'), line: 'stop:', message: 'clients.stop (0) must be after clients.start (1)' },
  ];
  t.equal(cases.length, 4);
  const dir = t.testdir(Object.fromEntries(cases.map((c) => [c.file, c.text])));
  for (const c of cases) {
    t.not(c.text, smoke, `${c.what}: the copy is broken`);
    const line = lineOf(c.text, c.line);
    t.ok(line > 0, `${c.what}: on line ${line}`);
    const r = await cli(['check-scenario', join(dir, c.file)]);
    t.equal(r.exitCode, 2, `${c.what}: ${r.all}`);
    t.ok(r.stderr.includes(`${c.file}:${line}: ${c.message}`), `${c.what}: "${c.file}:${line}: ${c.message}" in ${r.stderr}`);
    t.equal(r.stdout, '', 'nothing said ok');
  }
  const missing = await cli(['check-scenario', join(dir, 'nope.yaml')]);
  t.equal(missing.exitCode, 2, missing.all);
  t.match(missing.all, /cannot read scenario .*nope\.yaml: ENOENT/);
});
