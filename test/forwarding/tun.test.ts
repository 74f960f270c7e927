// TUN's part, derived by hand from ../shared/ipvs-dr-tun.md §5: the segment
// as DR's (network 2, link 0; the director .1, gw .254, real server i
// .(10 + i); gw routes the VIP to the director, a real server the clients'
// networks to gw), then on each real server tunl0 up with the VIP on it (an
// IPv4 address there, or any rp_filter drops the unwrapped packet) and
// tunl0's rp_filter 2 (loose: the clients, routed via gw, pass); gw forwards,
// the director does not; -i. IPv6 (src/forwarding/tun.ts's header, read in
// the 6.1 tree): the same segment on fd00:2:0::/64 (nodad), the clients'
// fd00:1::/32 via gw, then ip6tnl0 (ip6_tunnel's fallback device: IPv6 in
// IPv6) up with the VIP fd00::100/128 on it; no sysctl on the real servers
// (IPv6 has no rp_filter), gw forwarding both families.
import t from 'tap';
import { TUN } from '../../src/forwarding/tun.ts';
import { FORWARDING } from '../../src/forwarding/index.ts';
import { repliesBypassDirector } from '../../src/forwarding/no-output.ts';

t.test('TUN: -i, real server i at 10.2.0.(10+i) on the service port, bound to the VIP; TCP and SCTP input-only', async (t) => {
  t.equal(FORWARDING.tun, TUN);
  t.equal(TUN.ipvsFlag, '-i');
  t.same(TUN.realServer('ipv4', 1, 80), { address: '10.2.0.11', port: 80, bind: '10.0.0.100' });
  t.equal(TUN.stateTable, 'input-only', 'every protocol; UDP: no reply through the director, never IP_VS_DIR_OUTPUT');
  t.equal(repliesBypassDirector(TUN), true);
});

t.test('TUN topology: the segment, then tunl0 up with the VIP on each real server; loose rp_filter on tunl0', async (t) => {
  const part = TUN.topology({ family: 'ipv4', director: 'director', servers: ['rs1'], vip: '10.0.0.100' });
  t.equal(part.clientGateway, 'gw');
  const of = (ns: string) => part.ip.filter((c) => c.ns === ns).map((c) => c.line);
  t.same(of('rs1'), [
    'addr add 10.2.0.11/24 dev vrs1b',
    'link set vrs1b up',
    'route add 10.1.0.0/16 via 10.2.0.254',
    'link set tunl0 up',
    'addr add 10.0.0.100/32 dev tunl0',
  ]);
  t.same(of('gw'), ['link set lo up', 'addr add 10.2.0.254/24 dev vgwb', 'link set vgwb up', 'route add 10.0.0.100 via 10.2.0.1']);
  t.same(of('director'), ['addr add 10.2.0.1/24 dev vdirb', 'link set vdirb up']);
  t.same(of('-'), [
    'netns add lan',
    'netns add gw',
    'link add vdira netns lan type veth peer name vdirb netns director',
    'link add vgwa netns lan type veth peer name vgwb netns gw',
    'link add vrs1a netns lan type veth peer name vrs1b netns rs1',
  ]);
  t.same(part.sysctls, [
    { ns: 'gw', key: 'net.ipv4.ip_forward', value: 1 },
    { ns: 'rs1', key: 'net.ipv4.conf.tunl0.rp_filter', value: 2 },
  ]);
});

t.test('TUN over IPv6: the segment on fd00:2:0::/64, then ip6tnl0 up with the VIP /128 on each real server; no rp_filter sysctl', async (t) => {
  const part = TUN.topology({ family: 'ipv6', director: 'director', servers: ['rs1', 'rs2'], vip: 'fd00::100' });
  t.equal(part.clientGateway, 'gw');
  const of = (ns: string) => part.ip.filter((c) => c.ns === ns).map((c) => c.line);
  t.same(of('rs1'), [
    'addr add fd00:2:0::11/64 dev vrs1b nodad',
    'link set vrs1b up',
    'route add fd00:1::/32 via fd00:2:0::254',
    'link set ip6tnl0 up',
    'addr add fd00::100/128 dev ip6tnl0 nodad',
  ]);
  t.same(of('rs2').slice(-2), ['link set ip6tnl0 up', 'addr add fd00::100/128 dev ip6tnl0 nodad'], 'each real server');
  t.same(of('gw'), ['link set lo up', 'addr add fd00:2:0::254/64 dev vgwb nodad', 'link set vgwb up', 'route add fd00::100 via fd00:2:0::1']);
  t.same(of('director'), ['addr add fd00:2:0::1/64 dev vdirb nodad', 'link set vdirb up']);
  t.notOk(part.ip.some((c) => c.line.includes('tunl0')), 'no tunl0 in an IPv6 plan');
  t.same(part.sysctls, [
    { ns: 'gw', key: 'net.ipv4.ip_forward', value: 1 },
    { ns: 'gw', key: 'net.ipv6.conf.all.forwarding', value: 1 },
  ]);
  t.same(TUN.realServer('ipv6', 2, 80), { address: 'fd00:2:0::12', port: 80, bind: 'fd00::100' });
});

t.test('TUN constraints: none (IPv4 and IPv6 both tunnel)', async (t) => {
  t.equal(TUN.constraints, undefined);
});
