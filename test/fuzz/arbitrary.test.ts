// The arbitrary draws only valid scenarios (parseScenario, the loader itself,
// on the YAML the campaign writes), within the limits a campaign affords, and
// over the whole schema: each enum value of each key turns up.
import t from 'tap';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { scenarioArbitrary, fit, ipv4Netmask, connTabBits, clientInterval, LIMITS, MAX_DURATION } from '../../src/fuzz/arbitrary.ts';
import { clientRequests } from '../../src/fuzz/cost.ts';
import { caseName, caseSeed, scenarioAt } from '../../src/fuzz/draw.ts';
import { parseScenario } from '../../src/scenario/load.ts';
import { PROTOCOLS } from '../../src/protocols/index.ts';
import { FORWARDING } from '../../src/forwarding/index.ts';
import type { Scenario } from '../../src/scenario/schema.ts';

t.test('every drawn scenario passes the scenario loader, as YAML, and stays affordable', async (t) => {
  let n = 0;
  fc.assert(
    fc.property(scenarioArbitrary(), (s) => {
      n++;
      const back = parseScenario(stringify(s), 'drawn.yaml');
      // The loader reads back what was drawn (no key lost in the YAML).
      if (JSON.stringify(back) !== JSON.stringify(s)) return false;
      return s.flood.count <= LIMITS.floodCount && s.duration <= MAX_DURATION && s.flood.count / s.flood.rate <= LIMITS.floodSeconds && clientRequests(s) <= LIMITS.clientRequests;
    }),
    { numRuns: 3000, seed: 23 },
  );
  t.equal(n, 3000);
  // 30 + 120 + 150: the flood's latest start, its longest length, the most observed after it.
  t.equal(MAX_DURATION, 300);
});

t.test("the campaign's own draws (one a case, from its mixed seed) are valid too, and differ", async (t) => {
  const drawn = Array.from({ length: 500 }, (_, i) => scenarioAt(caseSeed(7, i), caseName(i)));
  t.equal(drawn.length, 500);
  for (const s of drawn) parseScenario(stringify(s), s.name);
  t.ok(new Set(drawn.map((s) => JSON.stringify({ ...s, name: '' }))).size > 490, 'nearly all distinct');
  // Unbiased: a first run is not drawn towards small values (fast-check biases a property's early runs).
  const counts = drawn.map((s) => s.flood.count).sort((a, b) => a - b);
  t.ok(counts[250]! > 1000 && counts[250]! < 2000, `median flood ${counts[250]} near ${LIMITS.floodCount / 2}`);
  t.same(scenarioAt(caseSeed(7, 3), caseName(3)), drawn[3], 'the same seed, the same scenario');
});

t.test('over many draws every value of every enumerated key appears', async (t) => {
  const draws: Scenario[] = fc.sample(scenarioArbitrary(), { numRuns: 4000, seed: 5 });
  t.equal(draws.length, 4000);
  const values = (f: (s: Scenario) => unknown) => new Set(draws.map((s) => JSON.stringify(f(s))));
  const expect = (name: string, f: (s: Scenario) => unknown, want: unknown[]) => {
    const got = values(f);
    for (const w of want) t.ok(got.has(JSON.stringify(w)), `${name}: ${JSON.stringify(w)}`);
  };
  // Defaults are left out of the YAML: tcp and ipv4 are the absent key.
  expect('protocol', (s) => s.service.protocol ?? 'tcp', Object.keys(PROTOCOLS));
  expect('family', (s) => s.service.family ?? 'ipv4', ['ipv4', 'ipv6']);
  expect('forwarding', (s) => s.service.forwarding, Object.keys(FORWARDING));
  expect('scheduler', (s) => s.service.scheduler, ['rr', 'wrr', 'lc', 'wlc', 'sh']);
  expect('ops', (s) => s.service.ops ?? false, [true, false]);
  expect('drop_entry', (s) => s.sysctl.drop_entry, [0, 1, 2, 3]);
  expect('sync_version', (s) => s.sysctl.sync_version ?? null, [0, 1, null]);
  expect('sync', (s) => s.sync ?? false, [true, false]);
  expect('teardown', (s) => s.teardown ?? null, [true, false, null]);
  expect('sources', (s) => (s.flood.sources === undefined ? 'absent' : typeof s.flood.sources === 'string' ? s.flood.sources : Object.keys(s.flood.sources)[0]), ['absent', 'uniform', 'pool', 'subnets']);
  expect('flood seed given', (s) => s.flood.seed !== undefined, [true, false]);
  expect('real_servers', (s) => s.service.real_servers, [1, 2, 3, 4, 5, 6, 7, 8]);
  expect('conn_tab_bits', (s) => s.kernel.conn_tab_bits, Array.from({ length: 13 }, (_, k) => 8 + k));
  expect('clients', (s) => s.clients.count === 0, [true, false]);
  expect('no flood', (s) => s.flood.count === 0, [true, false]);
  // Each combination the modules allow with a family: IPv6 over nat, dr and tun, with a prefix; sync with both versions.
  expect('ipv6 forwarding', (s) => (s.service.family === 'ipv6' ? s.service.forwarding : 'v4'), ['nat', 'dr', 'tun', 'v4']);
  expect('ipv6 tun protocol', (s) => (s.service.family === 'ipv6' && s.service.forwarding === 'tun' ? (s.service.protocol ?? 'tcp') : 'other'), ['tcp', 'udp', 'sctp', 'other']);
  expect('ipv6 netmask', (s) => s.service.family === 'ipv6' && s.service.netmask === '/128', [true]);
  expect('ipv6 protocol', (s) => (s.service.family === 'ipv6' ? (s.service.protocol ?? 'tcp') : 'v4'), ['tcp', 'udp', 'sctp', 'v4']);
  expect('ipv6 sync version', (s) => (s.service.family === 'ipv6' && s.sync ? (s.sysctl.sync_version ?? 'default') : 'other'), [1, 'default', 'other']);
  expect('ipv4 netmasks /32, /16, /8', (s) => s.service.netmask, ['255.255.255.255', '255.255.0.0', '255.0.0.0']);
  // The knobs, each value on the protocol that reads it, and never on another.
  const tcp = (s: Scenario) => (s.service.protocol ?? 'tcp') === 'tcp';
  expect('secure_tcp on tcp', (s) => (tcp(s) ? (s.sysctl.secure_tcp ?? null) : 'other'), [0, 1, 2, 3, null]);
  expect('sloppy_tcp on tcp', (s) => (tcp(s) ? (s.sysctl.sloppy_tcp ?? null) : 'other'), [0, 1, null]);
  expect('sloppy_sctp on sctp', (s) => (s.service.protocol === 'sctp' ? (s.sysctl.sloppy_sctp ?? null) : 'other'), [0, 1, null]);
  t.notOk(draws.some((s) => (!tcp(s) && (s.sysctl.secure_tcp !== undefined || s.sysctl.sloppy_tcp !== undefined)) || (s.service.protocol !== 'sctp' && s.sysctl.sloppy_sctp !== undefined)), 'no knob on a protocol that does not read it');
  expect('protocol x forwarding', (s) => `${s.service.protocol ?? 'tcp'} ${s.service.forwarding}`, ['tcp nat', 'tcp dr', 'tcp tun', 'udp nat', 'udp dr', 'udp tun', 'sctp nat', 'sctp dr', 'sctp tun']);
});

t.test('fit() keeps the cross-key rules, from the draws that break them', async (t) => {
  // A draw asking for IPv6 UDP over tun with sync v0 and subnets: refused together by the loader (v0 and subnets with IPv6).
  const d = {
    protocol: 'udp' as const, ipv6: true, forwarding: 'tun' as const, ops: true, port: 53 as const, scheduler: 'rr' as const,
    netmaskShort: 8, persistence: 60, realServers: 2, connTabSlot: 16, dropEntry: 3 as const, amemthresh: 1024,
    sync: true, syncVersion: 0 as const, floodCount: 3000, floodRate: 1, floodStart: 30,
    sources: { subnets: ['11.0.0.0/8'] }, floodSeed: undefined, afterFlood: 140, clients: 2, interval: 5, clientsStart: 60, clientsSpan: 1000, teardown: undefined,
    secureTcp: 3 as const, sloppyTcp: 1 as const, sloppySctp: 1 as const,
  };
  // By hand: tun takes IPv6 (IPv6 in IPv6), so IPv6 stays, sync without v0 (v1 by default), no subnets (uniform),
  // the prefix /(128 - 8) = /120, one-packet scheduling kept (UDP); 3000 at 1/s would take 3000 s: the rate goes
  // to 3000/120 = 25; the flood ends at 30 + 120 = 150, the run at 150 + 10 + 140 = 300; the clients run from 60
  // to 60 + 1 + 239 = 300.
  const t6 = fit(d);
  t.same([t6.service.family, t6.service.forwarding, t6.service.protocol, t6.service.ops, t6.service.netmask], ['ipv6', 'tun', 'udp', true, '/120']);
  t.same([t6.sync, t6.sysctl.sync_version], [true, undefined]);
  t.same(t6.flood, { rate: 25, count: 3000, start: 30, sources: 'uniform' });
  t.equal(t6.duration, 300);
  t.same(t6.clients, { count: 2, interval: 5, start: 60, stop: 300 });
  parseScenario(stringify(t6), 'fit6.yaml');
  // The same draw on IPv4: sync v0 and subnets stay, the netmask 32 - 8 ones; the times as above.
  const s = fit({ ...d, ipv6: false });
  t.equal(s.service.family, undefined);
  t.equal(s.service.forwarding, 'tun');
  t.equal(s.service.ops, true);
  t.equal(s.service.netmask, '255.255.255.0');
  t.equal(s.sync, true);
  t.equal(s.sysctl.sync_version, 0);
  t.same(s.flood, { rate: 25, count: 3000, start: 30, sources: { subnets: ['11.0.0.0/8'] } });
  t.equal(s.duration, 300);
  t.equal(s.kernel.conn_tab_bits, 12, 'slot 16: 8 + 16/4');
  // 2 clients every 5 s over 240 s: 2 x 48 = 96 requests, under the limit: the interval stays.
  t.same(s.clients, { count: 2, interval: 5, start: 60, stop: 300 });
  // UDP's code reads none of the knobs (src/scenario/knobs.ts): all left out.
  t.same(s.sysctl, { drop_entry: 3, amemthresh: 1024, sync_version: 0 });
  // 32 clients every second over the same 240 s would make 7680: 300 / 32 = 9 a client, so every ceil(240 / 9) = 27 s.
  t.same(fit({ ...d, clients: 32, interval: 1 }).clients, { count: 32, interval: 27, start: 60, stop: 300 });
  parseScenario(stringify(s), 'fit.yaml');
  // The same draw as TCP over nat: IPv6 taken, so sync without v0 (v1 by default), no subnets (uniform), the prefix /120, no ops.
  const v6 = fit({ ...d, protocol: 'tcp', forwarding: 'nat' });
  t.equal(v6.service.family, 'ipv6');
  t.equal(v6.service.netmask, '/120');
  t.equal(v6.sync, true);
  t.equal(v6.sysctl.sync_version, undefined);
  t.equal(v6.service.ops, undefined);
  t.equal(v6.flood.sources, 'uniform');
  // TCP reads secure_tcp and sloppy_tcp, not sloppy_sctp.
  t.same(v6.sysctl, { drop_entry: 3, amemthresh: 1024, secure_tcp: 3, sloppy_tcp: 1 });
  parseScenario(stringify(v6), 'fit6.yaml');
  // As UDP over nat: IPv6 too, one-packet scheduling kept; a v1 asked for stays.
  const u6 = fit({ ...d, forwarding: 'nat', syncVersion: 1 });
  t.same([u6.service.family, u6.service.protocol, u6.service.ops, u6.sync, u6.sysctl.sync_version], ['ipv6', 'udp', true, true, 1]);
  parseScenario(stringify(u6), 'fitu6.yaml');
  // As SCTP: sloppy_sctp alone (over tun, IPv6 now kept: so v0, IPv4's alone, is not written).
  t.same(fit({ ...d, protocol: 'sctp' }).sysctl, { drop_entry: 3, amemthresh: 1024, sloppy_sctp: 1 });
});

t.test('connTabBits: 8..16 four slots each, 17..20 one each; clientInterval raised to the request limit', async (t) => {
  t.same(Array.from({ length: 40 }, (_, k) => connTabBits(k)), [
    8, 8, 8, 8, 9, 9, 9, 9, 10, 10, 10, 10, 11, 11, 11, 11, 12, 12, 12, 12, 13, 13, 13, 13, 14, 14, 14, 14, 15, 15, 15, 15, 16, 16, 16, 16, 17, 18, 19, 20,
  ]);
  // Over 4000 draws a value of 17..20 is drawn 1 in 40 (about 100 times), one of 8..16 4 in 40 (about 400).
  const bits = fc.sample(scenarioArbitrary(), { numRuns: 4000, seed: 9 }).map((s) => s.kernel.conn_tab_bits);
  t.equal(bits.length, 4000);
  const large = bits.filter((b) => b >= 17).length;
  t.ok(large > 300 && large < 500, `${large} of 4000 at 17..20, about 400`);
  t.equal(clientInterval(3, 0, 0, 200), 3, 'no client: as drawn');
  t.equal(clientInterval(3, 2, 0, 200), 3, '2 x ceil(200 / 3) = 134 requests: as drawn');
  // 10 clients over 200 s: 30 requests each at most, so every ceil(200 / 30) = 7 s (10 x 29 = 290).
  t.equal(clientInterval(3, 10, 0, 200), 7);
  t.ok(clientRequests({ clients: { count: 10, interval: 7, start: 0, stop: 200 } }) <= LIMITS.clientRequests);
});

t.test('ipv4Netmask: contiguous masks by hand', async (t) => {
  t.equal(ipv4Netmask(32), '255.255.255.255');
  t.equal(ipv4Netmask(20), '255.255.240.0');
  t.equal(ipv4Netmask(8), '255.0.0.0');
  t.equal(ipv4Netmask(0), '0.0.0.0');
});
