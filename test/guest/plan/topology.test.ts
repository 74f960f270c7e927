// Expectations written by hand from what vm/agent.sh did before the plan
// (git show 526862b:vm/agent.sh): setup_topology()'s netns/link/vip calls,
// each `ipq NS ...` line, with addr() 10.A.B.C (IPv6 fd00:A:B::C), a /24
// link (IPv6 /64 and "nodad"), the VIP a /32 (/128).
import t from 'tap';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../../../src/scenario/load.ts';
import { topologyPlan } from '../../../src/guest/plan/topology.ts';
import type { IpCommand } from '../../../src/guest/plan/types.ts';

const scenario = (name: string) => parseScenario(readFileSync(new URL(`../../../fixtures/scenarios/${name}.yaml`, import.meta.url), 'utf8'), `${name}.yaml`);
const inNs = (cmds: IpCommand[], ns: string) => cmds.filter((c) => c.ns === ns).map((c) => c.line);

t.test('smoke: the director alone first, then the rest, as agent.sh queued them', async (t) => {
  const plan = topologyPlan(scenario('smoke'));
  t.equal(plan.stages.length, 2);
  // netns director; ip_flush: "-" then the director's queue.
  t.same(plan.stages[0], [
    { ns: '-', line: 'netns add director' },
    { ns: 'director', line: 'link set lo up' },
  ]);
  const second = plan.stages[1]!;
  // netns for attacker, rs1, rs2, client1, client2; then the links' `link add` (link()'s first ipq).
  t.same(inNs(second, '-'), [
    'netns add attacker',
    'netns add rs1',
    'netns add rs2',
    'netns add client1',
    'netns add client2',
    'link add vatta address 02:00:0a:00:03:02 netns attacker type veth peer name vattb address 02:00:0a:00:03:01 netns director',
    'link add vrs1a netns director type veth peer name vrs1b netns rs1',
    'link add vrs2a netns director type veth peer name vrs2b netns rs2',
    'link add vc1a netns client1 type veth peer name vc1b netns director',
    'link add vc2a netns client2 type veth peer name vc2b netns director',
  ]);
  // vip director, then the director's end of each link (attacker, rs1, rs2, client1, client2).
  t.same(inNs(second, 'director'), [
    'link add dummy0 type dummy',
    'addr add 10.0.0.100/32 dev dummy0',
    'link set dummy0 up',
    'addr add 10.0.3.1/24 dev vattb',
    'link set vattb up',
    'addr add 10.2.1.1/24 dev vrs1a',
    'link set vrs1a up',
    'addr add 10.2.2.1/24 dev vrs2a',
    'link set vrs2a up',
    'addr add 10.1.1.1/24 dev vc1b',
    'link set vc1b up',
    'addr add 10.1.2.1/24 dev vc2b',
    'link set vc2b up',
  ]);
  t.same(inNs(second, 'attacker'), ['link set lo up', 'addr add 10.0.3.2/24 dev vatta', 'link set vatta up', 'route add default via 10.0.3.1']);
  // NAT: the real server routes the clients' networks (CLIENT_NETS) back via the director.
  t.same(inNs(second, 'rs2'), ['link set lo up', 'addr add 10.2.2.2/24 dev vrs2b', 'link set vrs2b up', 'route add 10.1.0.0/16 via 10.2.2.1']);
  t.same(inNs(second, 'client2'), ['link set lo up', 'addr add 10.1.2.2/24 dev vc2a', 'link set vc2a up', 'route add default via 10.1.2.1']);
  t.same(inNs(second, 'backup'), [], 'no backup without sync');
  // setup_topology(): ip_forward on the director (NAT's).
  t.same(plan.sysctls, [{ ns: 'director', key: 'net.ipv4.ip_forward', value: 1 }]);
});

t.test('ipv6: fd00:A:B::C, /64 links without duplicate address detection, the VIP a /128, IPv6 forwarding too', async (t) => {
  const plan = topologyPlan(scenario('ipv6'));
  const second = plan.stages[1]!;
  t.same(inNs(second, 'director').slice(0, 5), [
    'link add dummy0 type dummy',
    'addr add fd00::100/128 dev dummy0 nodad',
    'link set dummy0 up',
    'addr add fd00:0:3::1/64 dev vattb nodad',
    'link set vattb up',
  ]);
  t.same(inNs(second, 'rs1'), ['link set lo up', 'addr add fd00:2:1::2/64 dev vrs1b nodad', 'link set vrs1b up', 'route add fd00:1::/32 via fd00:2:1::1']);
  t.same(inNs(second, 'client1'), ['link set lo up', 'addr add fd00:1:1::2/64 dev vc1a nodad', 'link set vc1a up', 'route add default via fd00:1:1::1']);
  t.same(inNs(second, 'attacker').at(-1), 'route add default via fd00:0:3::1');
  t.same(plan.sysctls, [
    { ns: 'director', key: 'net.ipv4.ip_forward', value: 1 },
    { ns: 'director', key: 'net.ipv6.conf.all.forwarding', value: 1 },
  ]);
});

t.test('sync: a backup namespace, its link to the director (10.9.0.1/10.9.0.2, vsync) and the VIP on it, after the rest', async (t) => {
  const second = topologyPlan(scenario('sync')).stages[1]!;
  t.same(inNs(second, '-').slice(-2), ['netns add backup', 'link add vsynca netns director type veth peer name vsyncb netns backup']);
  t.same(inNs(second, 'backup'), [
    'link set lo up',
    'addr add 10.9.0.2/24 dev vsyncb',
    'link set vsyncb up',
    'link add dummy0 type dummy',
    'addr add 10.0.0.100/32 dev dummy0',
    'link set dummy0 up',
  ]);
  t.same(inNs(second, 'director').slice(-2), ['addr add 10.9.0.1/24 dev vsynca', 'link set vsynca up']);
});

// DR and TUN (src/forwarding/segment.ts): the clients' links end in gw, not in
// the director, with the same addresses (10.1.i.1 on the router's side);
// the director keeps its attacker link and gets its port of the segment.
t.test('dr-tcp: the clients link to gw; the director has no client link and no forwarding', async (t) => {
  const plan = topologyPlan(scenario('dr-tcp'));
  const second = plan.stages[1]!;
  t.same(plan.stages[0], [
    { ns: '-', line: 'netns add director' },
    { ns: 'director', line: 'link set lo up' },
  ]);
  t.same(inNs(second, '-').slice(-2), ['link add vc1a netns client1 type veth peer name vc1b netns gw', 'link add vc2a netns client2 type veth peer name vc2b netns gw']);
  t.same(inNs(second, 'gw').slice(-4), ['addr add 10.1.1.1/24 dev vc1b', 'link set vc1b up', 'addr add 10.1.2.1/24 dev vc2b', 'link set vc2b up']);
  t.same(inNs(second, 'client1'), ['link set lo up', 'addr add 10.1.1.2/24 dev vc1a', 'link set vc1a up', 'route add default via 10.1.1.1']);
  t.same(inNs(second, 'director'), [
    'link add dummy0 type dummy',
    'addr add 10.0.0.100/32 dev dummy0',
    'link set dummy0 up',
    'addr add 10.0.3.1/24 dev vattb',
    'link set vattb up',
    'addr add 10.2.0.1/24 dev vdirb',
    'link set vdirb up',
  ]);
  t.same(inNs(second, 'attacker').at(-1), 'route add default via 10.0.3.1', 'the attacker still linked to the director');
  t.notOk(plan.sysctls.some((x) => x.ns === 'director'));
});

t.test('tun-tcp with sync: the backup after the segment and the clients, as under NAT', async (t) => {
  const s = scenario('tun-tcp');
  const second = topologyPlan({ ...s, sync: true }).stages[1]!;
  t.same(inNs(second, '-').slice(-2), ['netns add backup', 'link add vsynca netns director type veth peer name vsyncb netns backup']);
});
