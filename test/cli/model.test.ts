// `ipvs-verify model` through the real command line: the model's predicted
// series for a scenario, without booting. Small scenarios whose timelines can be
// worked out by hand (how in each test), and the README's numbers for the smoke.
import t from 'tap';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';

const ROOT = new URL('../..', import.meta.url).pathname;
const cli = (args: string[]) => execa(process.execPath, ['bin/ipvs-verify.js', ...args], { cwd: ROOT, reject: false, all: true });

const COLUMNS = ['conns', 'SYN_RECV', 'templates', 'assured', 'flood templates'] as const;
type Band = { p50: number; p5: number; p95: number };
type Row = Record<(typeof COLUMNS)[number], Band>;

/** model's table: a header line, the column names, then one line a printed second: "median [p5..p95]" a column. */
function parse(stdout: string): { header: string; rows: Map<number, Row> } {
  const [header, columns, ...lines] = stdout.trim().split('\n');
  if (columns !== ['t', ...COLUMNS].join('\t')) throw new Error(`unexpected columns: ${columns}`);
  const rows = new Map<number, Row>();
  for (const line of lines) {
    const [t, ...cells] = line.split('\t');
    const bands = cells.map((c) => {
      const m = /^(-?[\d.]+) \[(-?[\d.]+)\.\.(-?[\d.]+)\]$/.exec(c);
      if (!m) throw new Error(`not "median [p5..p95]": ${c}`);
      return { p50: Number(m[1]), p5: Number(m[2]), p95: Number(m[3]) };
    });
    rows.set(Number(t), Object.fromEntries(COLUMNS.map((k, i) => [k, bands[i]!])) as Row);
  }
  return { header: header!, rows };
}
/** A band with no spread: what a scenario with nothing random in it gives (README: a timeline made from a scenario has no uncertainty). */
const exactly = (n: number): Band => ({ p50: n, p5: n, p95: n });

// A scenario with no flood and no drops: three clients, one connection each every 5 s from 1 s to before 60 s.
const CALM = `name: calm
description: "no flood, three clients, nothing to drop"
duration: 100
kernel:
  conn_tab_bits: 12
service:
  port: 80
  scheduler: rr
  forwarding: nat
  persistence: 300
  netmask: 255.255.255.255
  real_servers: 2
sysctl:
  drop_entry: 0
  amemthresh: 1024
flood:
  rate: 10
  count: 0
  start: 3
clients:
  count: 3
  interval: 5
  start: 1
  stop: 60
`;

t.test('no flood, drop_entry 0: a template a client, a connection a request until TIME_WAIT ends', async (t) => {
  const file = join(t.testdir({ 'calm.yaml': CALM }), 'calm.yaml');
  const r = await cli(['model', '--scenario', file, '--runs', '20']);
  t.equal(r.exitCode, 0, r.all);
  const { header, rows } = parse(r.stdout);
  t.equal(header, 'calm, patched: median [p5..p95] over 20 runs', 'patched is the default variant');
  // --every 10 (default) over 100 s: t = 10, 20, ..., 100.
  t.same([...rows.keys()], [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
  for (const [s, row] of rows) {
    // Requests at 1, 6, ..., 56 s (12 a client); each connection stays in TIME_WAIT
    // for 120 s after its request (6.1's tcp timeouts), so none goes before 121 s.
    const requests = Math.min(12, Math.floor((s - 1) / 5) + 1);
    t.same(row.conns, exactly(3 * requests), `t=${s}: ${3 * requests} connections`);
    t.same(row.SYN_RECV, exactly(0), `t=${s}: the handshakes complete, none waits in SYN_RECV`);
    // One template a client (/32 persistence), kept: persistence 300 s outlasts the run.
    t.same(row.templates, exactly(3), `t=${s}: one template a client`);
    // Patched marks a template ASSURED when its connection is established (patch 1).
    t.same(row.assured, exactly(3), `t=${s}: each client's template ASSURED`);
    t.same(row['flood templates'], exactly(0));
  }
  const base = await cli(['model', '--scenario', file, '--runs', '20', '--variant', 'base', '--every', '50']);
  t.equal(base.exitCode, 0, base.all);
  const b = parse(base.stdout);
  t.equal(b.header, 'calm, base: median [p5..p95] over 20 runs');
  t.same([...b.rows.keys()], [50, 100], '--every 50');
  // Without the series nothing is ASSURED; the rest is the same table.
  t.same(b.rows.get(100), { conns: exactly(36), SYN_RECV: exactly(0), templates: exactly(3), assured: exactly(0), 'flood templates': exactly(0) });
});

t.test('a flood of 100 SYNs, drop_entry 0: SYN_RECV for 60 s, templates kept, base and patched alike', async (t) => {
  // 100 SYNs at 10/s from 3 s: the last at 12.9 s. Each stays in SYN_RECV 60 s (the
  // real servers' answers go nowhere), so all 100 are there from 13 s to 63 s and
  // gone by 75 s (12.9 + 60, rounded up on the timer wheel's 2.048 s grid). Their
  // templates outlive them: persistence 300 s. drop_entry 0: nothing is dropped,
  // so the series changes nothing the table holds (claim C4).
  const flood = CALM.replace('name: calm', 'name: flood-only').replace('duration: 100', 'duration: 90').replace('  count: 0', '  count: 100').replace('  count: 3', '  count: 0');
  const file = join(t.testdir({ 'flood.yaml': flood }), 'flood.yaml');
  const [p, b] = await Promise.all([cli(['model', '--scenario', file, '--runs', '20']), cli(['model', '--scenario', file, '--runs', '20', '--variant', 'base'])]);
  t.equal(p.exitCode, 0, p.all);
  t.equal(b.exitCode, 0, b.all);
  const patched = parse(p.stdout).rows;
  const base = parse(b.stdout).rows;
  t.equal(patched.size, 9, 't = 10..90');
  for (const s of [20, 30, 40, 50, 60]) {
    t.same(patched.get(s), { conns: exactly(100), SYN_RECV: exactly(100), templates: exactly(100), assured: exactly(0), 'flood templates': exactly(100) }, `t=${s}`);
  }
  for (const s of [80, 90]) {
    t.same(patched.get(s), { conns: exactly(0), SYN_RECV: exactly(0), templates: exactly(100), assured: exactly(0), 'flood templates': exactly(100) }, `t=${s}`);
  }
  t.same([...base.entries()], [...patched.entries()], 'base predicts the same table');
});

t.test("the smoke scenario: the README's ~15% of the flood's templates kept by base, ~1% by patched", async (t) => {
  // fixtures/scenarios/smoke.yaml: 1000 SYNs, 2 clients, persistence 300 s, drop_entry 3.
  const scenario = join(ROOT, 'fixtures/scenarios/smoke.yaml');
  const [b, p] = await Promise.all(['base', 'patched'].map((v) => cli(['model', '--scenario', scenario, '--variant', v, '--runs', '50', '--every', '20'])));
  t.equal(b!.exitCode, 0, b!.all);
  t.equal(p!.exitCode, 0, p!.all);
  const base = parse(b!.stdout).rows;
  const patched = parse(p!.stdout).rows;
  t.same([...base.keys()], [20, 40, 60, 80, 100, 120, 140, 160]);
  // The flood is over by 8 s; its connections are in SYN_RECV until ~68 s. Base
  // keeps every template while they live (1000 flood + 2 clients)...
  for (const s of [20, 40, 60]) t.same(base.get(s)!.templates, exactly(1002), `base, t=${s}: every template kept`);
  // ...and ~15% of the flood's at the end; patched ~1% (README "Scenarios", C1/C2).
  const end = (rows: Map<number, Row>) => rows.get(160)!['flood templates'].p50 / 1000;
  t.ok(end(base) > 0.08 && end(base) < 0.25, `base keeps ${end(base)}`);
  t.ok(end(patched) < 0.03, `patched keeps ${end(patched)}`);
  // C3: the clients' two templates are ASSURED in patched only.
  t.same(patched.get(160)!.assured, exactly(2));
  t.same(base.get(160)!.assured, exactly(0));
});

t.test("the half-open column is named after the state the model counts: SYNACK under secure_tcp over DR, none for UDP", async (t) => {
  // fixtures/scenarios/secure-tcp-dr.yaml: DR with secure_tcp 3, so each SYN goes NONE -> SYNACK (tcp_states_dos'
  // INPUT-ONLY syn row) for 120 s: all 1000 (at 200/s from 3 s, the last at ~8 s) sent by 10 s, none timed out yet.
  const dr = await cli(['model', '--scenario', join(ROOT, 'fixtures/scenarios/secure-tcp-dr.yaml'), '--runs', '2', '--every', '10']);
  t.equal(dr.exitCode, 0, dr.all);
  const [, columns, first] = dr.stdout.split('\n');
  t.equal(columns, ['t', 'conns', 'SYNACK', 'templates', 'assured', 'flood templates'].join('\t'));
  t.ok(Number(/^10\t[^\t]+\t(\d+)/.exec(first!)?.[1]) > 0, `t=10: the SYNACK column counts the flood's entries (${first})`);
  // fixtures/scenarios/udp.yaml: UDP has no half-open state (the series is 0 throughout).
  const udp = await cli(['model', '--scenario', join(ROOT, 'fixtures/scenarios/udp.yaml'), '--runs', '2', '--every', '1000']);
  t.equal(udp.exitCode, 0, udp.all);
  t.equal(udp.stdout.split('\n')[1], ['t', 'conns', 'half-open (none)', 'templates', 'assured', 'flood templates'].join('\t'));
});

t.test('model: a bad scenario (key and line named), variant or number: exit 2', async (t) => {
  const dir = t.testdir({ 'bad.yaml': CALM.replace('  drop_entry: 0', '  drop_entry: 0\n  drop_entri: 1'), 'neg.yaml': CALM.replace('  count: 3', '  count: -1') });
  const a = await cli(['model', '--scenario', join(dir, 'bad.yaml')]);
  t.equal(a.exitCode, 2, a.all);
  // The key's line: the 14th line of CALM holds drop_entry, the new key the 15th.
  t.equal(readFileSync(join(dir, 'bad.yaml'), 'utf8').split('\n')[14], '  drop_entri: 1');
  t.match(a.all, /bad\.yaml:15: unknown key "sysctl\.drop_entri"/);
  const n = await cli(['model', '--scenario', join(dir, 'neg.yaml')]);
  t.equal(n.exitCode, 2, n.all);
  t.match(n.all, /neg\.yaml:\d+: "clients\.count" must be >= 0/);
  const m = await cli(['model', '--scenario', join(dir, 'missing.yaml')]);
  t.equal(m.exitCode, 2, m.all);
  t.match(m.all, /cannot read scenario .*missing\.yaml: ENOENT/);
  const v = await cli(['model', '--variant', 'bse']);
  t.equal(v.exitCode, 2, v.all);
  t.match(v.all, /option '--variant <name>' argument 'bse' is invalid\. Allowed choices are base, patched/);
  const e = await cli(['model', '--every', '0']);
  t.equal(e.exitCode, 2, e.all);
  t.match(e.all, /--every must be a positive integer/);
  writeFileSync(join(dir, 'empty.yaml'), '');
  const z = await cli(['model', '--scenario', join(dir, 'empty.yaml')]);
  t.equal(z.exitCode, 2, z.all);
  t.match(z.all, /empty\.yaml: "\(top level\)" must be object/, 'an empty file is not a scenario');
});
