// The registry is the one place a forwarding method is added: a fake method,
// registered here by replacing src/forwarding/index.ts's registry (tap's
// mockImport) with NAT's line and one more, reaches the scenario's schema and
// the guest's plan (the ipvsadm restore file and the topology) with no other
// change. Its values differ from NAT's so that each expectation shows the
// fake's data in use (derived by hand below).
import t from 'tap';
import { readFileSync } from 'node:fs';
import { FORWARDING } from '../../src/forwarding/index.ts';
import type { ForwardingMethod } from '../../src/forwarding/types.ts';
import { NAT } from '../../src/forwarding/nat.ts';
import { DR } from '../../src/forwarding/dr.ts';
import { TUN } from '../../src/forwarding/tun.ts';

const FAKE: ForwardingMethod = {
  name: 'fake',
  ipvsFlag: '-g',
  // Real server i at 10.7.i.2, on the service's own port (as DR would).
  realServer: (_f, i, port) => ({ address: `10.7.${i}.2`, port }),
  topology: (ctx) => ({
    ip: ctx.servers.map((ns, k) => ({ ns, line: `addr add 10.7.${k + 1}.2/32 dev lo` })),
    sysctls: [{ ns: ctx.director, key: 'net.ipv4.conf.all.arp_ignore', value: 1 }],
  }),
  stateTable: 'input-only',
};
const registry = { ...FORWARDING, fake: FAKE };
const mocks = { '../../src/forwarding/index.ts': { FORWARDING: registry, forwardingOf: (s: { service: { forwarding: string } }) => registry[s.service.forwarding as 'nat'] } };
const smoke = readFileSync(new URL('../../fixtures/scenarios/smoke.yaml', import.meta.url), 'utf8');

t.test('the real registry: nat, dr, tun, each its module', async (t) => {
  t.same(Object.keys(FORWARDING), ['nat', 'dr', 'tun']);
  t.equal(FORWARDING.nat, NAT);
  t.equal(FORWARDING.dr, DR);
  t.equal(FORWARDING.tun, TUN);
});

t.test('scenario: the schema takes the fake name; the names listed are the registry keys', async (t) => {
  const { parseScenario } = await t.mockImport<typeof import('../../src/scenario/load.ts')>('../../src/scenario/load.ts', mocks);
  t.equal(parseScenario(smoke.replace('forwarding: nat', 'forwarding: fake'), 'f.yaml').service.forwarding, 'fake');
  t.throws(() => parseScenario(smoke.replace('forwarding: nat', 'forwarding: ospf'), 'f.yaml'), /"service\.forwarding" must be one of nat, dr, tun, fake/);
});

t.test("plan: the restore file carries the fake's flag and addresses, the topology its commands", async (t) => {
  const { parseScenario } = await t.mockImport<typeof import('../../src/scenario/load.ts')>('../../src/scenario/load.ts', mocks);
  const { guestPlan } = await t.mockImport<typeof import('../../src/guest/plan/index.ts')>('../../src/guest/plan/index.ts', mocks);
  const s = parseScenario(smoke.replace('forwarding: nat', 'forwarding: fake'), 'f.yaml');
  const files = new Map(guestPlan(s, { coverage: false }).map((f) => [f.path, f.text]));
  const restore = files.get('ipvs-director') ?? '';
  // smoke: 2 real servers, port 80; the fake puts server i at 10.7.i.2:80 with -g.
  t.match(restore, /^-a -t 10\.0\.0\.100:80 -r 10\.7\.1\.2:80 -g/m);
  t.match(restore, /^-a -t 10\.0\.0\.100:80 -r 10\.7\.2\.2:80 -g/m);
  t.notMatch(restore, / -m\b/, "no NAT flag");
  const all = [...files.values()].join('\n');
  t.match(all, /addr add 10\.7\.1\.2\/32 dev lo/, "the fake's topology part, real server 1");
  t.match(all, /addr add 10\.7\.2\.2\/32 dev lo/, "and real server 2");
  t.match(all, /net\.ipv4\.conf\.all\.arp_ignore/, "the fake's sysctl");
  t.notMatch(all, /net\.ipv4\.ip_forward/, "none of NAT's");
});
