import t from 'tap';
import { readFileSync, readdirSync } from 'node:fs';
import { parseScenario, loadScenario, SYNC_V0_IPV4_ONLY } from '../../src/scenario/load.ts';
import { protocolOf } from '../../src/scenario/schema.ts';
import { scenarioFailure as failure } from '../../test-support/scenario-failure.ts';

const smoke = readFileSync(new URL('../../fixtures/scenarios/smoke.yaml', import.meta.url), 'utf8');

t.test('the shipped scenarios are valid', async (t) => {
  // Every file of fixtures/scenarios/ (what --suite all and the matrix run), and none of these missing.
  const dir = new URL('../../fixtures/scenarios/', import.meta.url).pathname;
  const shipped = readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));
  const known = ['control-no-drop', 'dr-tcp', 'dr-udp', 'dr-udp-idle', 'ipv6', 'large-flood', 'sctp', 'sctp-ipv6', 'secure-tcp-dr', 'smoke', 'smoke-netmask-pool', 'syn-flood-persistent', 'sync', 'sync-ipv6', 'sync-v0', 'teardown', 'tun-ipv6', 'tun-sctp', 'tun-tcp', 'udp', 'udp-idle', 'udp-ipv6', 'udp-ops'];
  t.same(known.filter((f) => !shipped.includes(f)), [], `all of ${known.length} there`);
  for (const f of shipped) {
    const s = await loadScenario(`${dir}${f}.yaml`);
    t.equal(s.name, f, `${f}.yaml loads, named after its file`);
  }
});

t.test('an unknown key is named with its line', async (t) => {
  const text = smoke.replace('  rate: 200\n', '  rate: 200\n  burst: 5\n');
  const line = text.split('\n').findIndex((l) => l.includes('burst')) + 1;
  const e = failure(text);
  t.equal(e.kind, 'user');
  t.match(e.message, new RegExp(`bad\\.yaml:${line}: unknown key "flood\\.burst"`));
});

t.test('a wrong type is named with its line', async (t) => {
  const text = smoke.replace('  persistence: 300\n', '  persistence: long\n');
  const line = text.split('\n').findIndex((l) => l.includes('persistence: long')) + 1;
  t.match(failure(text).message, new RegExp(`bad\\.yaml:${line}: "service\\.persistence" must be integer`));
});

t.test('impossible values are refused', async (t) => {
  t.match(failure(smoke.replace('  persistence: 300\n', '  persistence: 0\n')).message, /"service\.persistence" must be >= 1/);
  t.match(failure(smoke.replace('  rate: 200\n', '  rate: -5\n')).message, /"flood\.rate" must be > 0/);
  t.match(failure(smoke.replace('duration: 160\n', 'duration: 5\n')).message, /bad\.yaml:\d+: duration 5 s ends before the flood does/);
  t.match(failure(smoke.replace('  drop_entry: 3\n', '  drop_entry: 7\n')).message, /"sysctl\.drop_entry" must be one of 0, 1, 2, 3/);
  t.match(failure(smoke.replace('255.255.255.255', '255.0.255.0')).message, /not a contiguous IPv4 netmask/);
});

t.test('a missing key and broken YAML are reported', async (t) => {
  t.match(failure(smoke.replace(/^sysctl:\n(  .*\n)+/m, '')).message, /missing key "sysctl"/);
  t.match(failure('name: x\n  bad: : indent\n').message, /bad\.yaml:\d+: YAML:/);
});

t.test('an unreadable file is a user error', async (t) => {
  await t.rejects(loadScenario('/nonexistent/x.yaml'), { kind: 'user', message: /cannot read scenario/ });
});

t.test('teardown: a boolean, off unless asked for', async (t) => {
  const s = parseScenario(smoke, 'smoke.yaml');
  t.equal(s.teardown, undefined);
  const on = parseScenario(smoke + 'teardown: true\n', 'td.yaml');
  t.equal(on.teardown, true);
  const line = (smoke + 'teardown: yes please\n').split('\n').findIndex((l) => l.startsWith('teardown')) + 1;
  t.match(failure(smoke + 'teardown: yes please\n').message, new RegExp(`bad\\.yaml:${line}: "teardown" must be boolean`));
});

t.test('service.protocol: tcp (the default), udp or sctp; anything else named with its line', async (t) => {
  const s = parseScenario(smoke, 'smoke.yaml');
  t.equal(protocolOf(s), 'tcp', 'absent: tcp');
  const udp = parseScenario(smoke.replace('  port: 80\n', '  protocol: udp\n  port: 80\n'), 'udp.yaml');
  t.equal(protocolOf(udp), 'udp');
  t.equal(protocolOf(parseScenario(smoke.replace('  port: 80\n', '  protocol: sctp\n  port: 80\n'), 'sctp.yaml')), 'sctp');
  const text = smoke.replace('  port: 80\n', '  protocol: dccp\n  port: 80\n');
  const line = text.split('\n').findIndex((l) => l.includes('protocol:')) + 1;
  t.match(failure(text).message, new RegExp(`bad\\.yaml:${line}: "service\\.protocol" must be one of tcp, udp, sctp`));
  t.match(failure(smoke.replace('  port: 80\n', '  protocol: sctp\n  ops: true\n  port: 80\n')).message, /service\.ops .* is for UDP services only/);
  // One-packet scheduling: UDP only.
  t.equal(parseScenario(smoke.replace('  port: 80\n', '  protocol: udp\n  ops: true\n  port: 80\n'), 'ops.yaml').service.ops, true);
  t.match(failure(smoke.replace('  port: 80\n', '  ops: true\n  port: 80\n')).message, /service\.ops \(one-packet scheduling, ipvsadm -o\) is for UDP services only: add protocol: udp/);
});

t.test('sync: a boolean, off unless asked for', async (t) => {
  const s = parseScenario(smoke, 'smoke.yaml');
  t.equal(s.sync, undefined);
  t.equal(parseScenario(smoke + 'sync: true\n', 'sync.yaml').sync, true);
  const line = (smoke + 'sync: 2\n').split('\n').findIndex((l) => l.startsWith('sync')) + 1;
  t.match(failure(smoke + 'sync: 2\n').message, new RegExp(`bad\\.yaml:${line}: "sync" must be boolean`));
});

t.test('flood.sources: uniform, pool or subnets; anything else named once, with its line', async (t) => {
  const withSources = (yaml: string) => smoke.replace('  start: 3\n', `  start: 3\n${yaml}`);
  t.equal(parseScenario(withSources('  sources: uniform\n'), 's.yaml').flood.sources, 'uniform');
  t.same(parseScenario(withSources('  sources: { pool: 40 }\n  seed: 9\n'), 's.yaml').flood, { rate: 200, count: 1000, start: 3, sources: { pool: 40 }, seed: 9 });
  t.same(parseScenario(withSources('  sources:\n    subnets: [198.51.100.0/24]\n'), 's.yaml').flood.sources, { subnets: ['198.51.100.0/24'] });
  t.equal(parseScenario(smoke, 's.yaml').flood.sources, undefined, 'absent: uniform (floodSpecOf)');
  const bad = (yaml: string) => {
    try {
      parseScenario(withSources(yaml), 's.yaml');
      return '';
    } catch (e) {
      return (e as Error).message;
    }
  };
  const m = bad('  sources: { botnet: 3 }\n');
  t.match(m, /s\.yaml:\d+: "flood\.sources" must be uniform, \{pool: N\} or \{subnets: \[a\.b\.c\.d\/n, \.\.\.\]\}/);
  t.equal(m.split('\n').length, 2, 'one line, not one per branch');
  t.match(bad('  sources: { pool: 0 }\n'), /"flood\.sources" must be/);
  t.match(bad('  sources: { subnets: [10.5.0.0/16] }\n'), /s\.yaml:\d+: flood\.sources\.subnets\.0: "10\.5\.0\.0\/16" overlaps/);
  t.match(bad('  seed: -1\n'), /"flood\.seed" must be >= 0/);
});

t.test('sysctl.sync_version needs a sync daemon: exit 2, the key named', async (t) => {
  const smoke = readFileSync(new URL('../../fixtures/scenarios/smoke.yaml', import.meta.url), 'utf8');
  t.throws(() => parseScenario(smoke.replace('  amemthresh: 1024\n', '  amemthresh: 1024\n  sync_version: 0\n'), 's.yaml'), /s\.yaml:\d+: sysctl\.sync_version is the sync daemon's message format: it needs sync: true/);
  t.throws(() => parseScenario(smoke.replace('  amemthresh: 1024\n', '  amemthresh: 1024\n  sync_version: 2\n'), 's.yaml'), /"sysctl\.sync_version" must be one of 0, 1/);
});

t.test('IPv6: UDP and SCTP services load; sync too, with protocol v1; v0 refused naming the key and the kernel function', async (t) => {
  const v6 = (text: string) => text.replace('  port: 80\n', '  family: ipv6\n  port: 80\n').replace('255.255.255.255', '/128');
  t.equal(parseScenario(v6(smoke.replace('  port: 80\n', '  protocol: udp\n  port: 80\n')), 'u.yaml').service.protocol, 'udp', 'UDP over IPv6');
  t.equal(parseScenario(v6(smoke.replace('  port: 80\n', '  protocol: sctp\n  port: 80\n')), 's.yaml').service.protocol, 'sctp', 'SCTP over IPv6');
  t.equal(parseScenario(v6(smoke.replace('forwarding: nat', 'forwarding: dr').replace('  port: 80\n', '  protocol: udp\n  port: 80\n')), 'd.yaml').service.forwarding, 'dr', 'UDP over IPv6 under DR');
  t.equal(parseScenario(v6(smoke) + 'sync: true\n', 'y.yaml').sync, true, 'sync over IPv6 (v1, the default)');
  const v1 = v6(smoke).replace('  amemthresh: 1024\n', '  amemthresh: 1024\n  sync_version: 1\n') + 'sync: true\n';
  t.equal(parseScenario(v1, 'y.yaml').sysctl.sync_version, 1, 'sync_version 1 said outright');
  const v0 = v1.replace('sync_version: 1', 'sync_version: 0');
  const line = v0.split('\n').findIndex((l) => l.includes('sync_version')) + 1;
  const e = failure(v0);
  t.equal(e.kind, 'user', 'exit 2');
  t.match(e.message, new RegExp(`bad\\.yaml:${line}: sysctl\\.sync_version 0 syncs IPv4 connections only: ip_vs_sync_conn_v0\\(\\) \\(net/netfilter/ipvs/ip_vs_sync\\.c:550\\)`));
  t.equal(SYNC_V0_IPV4_ONLY.includes('cp->af != AF_INET'), true, 'the line it names');
  t.equal(parseScenario(smoke.replace('  amemthresh: 1024\n', '  amemthresh: 1024\n  sync_version: 0\n') + 'sync: true\n', 'v.yaml').sysctl.sync_version, 0, 'v0 stays for IPv4');
});

t.test('service.forwarding: nat, dr or tun, each over IPv6 too (tun: IPv6 in IPv6 on ip6tnl0); service.ops stays UDP-only', async (t) => {
  const v6 = (text: string) => text.replace('  port: 80\n', '  family: ipv6\n  port: 80\n').replace('255.255.255.255', '/128');
  t.equal(parseScenario(smoke.replace('forwarding: nat', 'forwarding: dr'), 's.yaml').service.forwarding, 'dr');
  t.equal(parseScenario(smoke.replace('forwarding: nat', 'forwarding: tun'), 's.yaml').service.forwarding, 'tun');
  t.equal(parseScenario(v6(smoke.replace('forwarding: nat', 'forwarding: dr')), 's.yaml').service.family, 'ipv6', 'DR over IPv6 (TCP)');
  const tun6 = parseScenario(v6(smoke.replace('forwarding: nat', 'forwarding: tun')), 's.yaml').service;
  t.same([tun6.family, tun6.forwarding, tun6.netmask], ['ipv6', 'tun', '/128'], 'TUN over IPv6 (TCP)');
  t.match(failure(smoke.replace('forwarding: nat', 'forwarding: ospf')).message, /"service\.forwarding" must be one of nat, dr, tun/);
  // One-packet scheduling under DR and TUN: UDP only, as under NAT.
  t.match(failure(smoke.replace('forwarding: nat', 'forwarding: dr').replace('  port: 80\n', '  ops: true\n  port: 80\n')).message, /service\.ops .* is for UDP services only/);
  t.match(failure(smoke.replace('forwarding: nat', 'forwarding: tun').replace('  port: 80\n', '  protocol: sctp\n  ops: true\n  port: 80\n')).message, /service\.ops .* is for UDP services only/);
  t.equal(parseScenario(smoke.replace('forwarding: nat', 'forwarding: dr').replace('  port: 80\n', '  protocol: udp\n  ops: true\n  port: 80\n'), 'o.yaml').service.ops, true);
});
