// End to end (the full set: npm run test:full): `verify --suite all`, every
// scenario of fixtures/scenarios/ on both variants, each into its own record,
// with a table of them all; the same as `matrix --shard 1/1`, which the nightly
// runs as three shards a line. The 22 scenarios at ~20-40 s each with the
// kernels cached (the guests of a scenario side by side): ~8-10 min on 2 cores
// under TCG, too long for the quick suite.
import t from 'tap';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';

const ROOT = new URL('../..', import.meta.url).pathname;
const out = join(ROOT, 'runs', `e2e-suite-all-${Date.now()}`);
// fixtures/scenarios/ as of this writing, in name order (test/commands/matrix.test.ts lists them the same way).
const SCENARIOS = [
  'control-no-drop', 'dr-tcp', 'dr-udp-idle', 'dr-udp', 'ipv6', 'large-flood', 'sctp-ipv6', 'sctp', 'secure-tcp-dr', 'smoke-netmask-pool', 'smoke',
  'syn-flood-persistent', 'sync-ipv6', 'sync-v0', 'sync', 'teardown', 'tun-ipv6', 'tun-sctp', 'tun-tcp', 'udp-idle', 'udp-ipv6', 'udp-ops', 'udp',
];

t.test('verify --suite all: a complete record for every scenario, every claim holding, one table row each', async (t) => {
  const r = await execa('node', ['bin/ipvs-verify.js', 'verify', '--suite', 'all', '--out', out], { cwd: ROOT, reject: false, all: true });
  const all = r.all ?? '';
  t.equal(r.exitCode, 0, all.slice(-4000));
  t.same(readdirSync(out).sort(), [...SCENARIOS].sort(), 'a record a scenario, each in its own directory');
  const rows = all.split('\n').filter((l) => SCENARIOS.some((s) => l.startsWith(`${s} `)));
  t.same(rows.map((l) => l.split(' ')[0]), SCENARIOS, "the table: a row a scenario, in name order");
  t.match(all, /^scenario +base in band +patched in band +C1 +C2 +C3 +C4 +C5 +C6 +verdict +wall$/m);
  for (const s of SCENARIOS) {
    const dir = join(out, s);
    const meta = JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8'));
    t.equal(meta.status, 'complete', `${s}: complete`);
    t.equal(meta.scenario.value.name, s, `${s}: its own scenario`);
    const result = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
    t.equal(result.verdict.claimsHold, true, `${s}: the claims hold`);
    t.same(Object.keys(result.verdict.variants).sort(), ['base', 'patched'], `${s}: both variants`);
    t.match(all, new RegExp(`^PASS ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'), `${s}: its PASS line`);
  }
});
