// DR's part, derived by hand from ../shared/ipvs-dr-tun.md §5: director, real
// servers and the clients' router gw are ports of one bridge (lan/br0) on
// network 2, link 0 (10.2.0.0/24: the director .1, gw .254, real server i
// .(10 + i); IPv6 fd00:2:0::C); gw routes the VIP to the director; a real
// server holds the VIP on lo (/32, /128), routes only the clients' networks
// (10.1.0.0/16, fd00:1::/32), via gw; arp_ignore=1, arp_announce=2 (IPv4);
// gw forwards, the director does not; ports untouched, the server bound to
// the VIP; -g.
import t from 'tap';
import { DR } from '../../src/forwarding/dr.ts';
import { FORWARDING } from '../../src/forwarding/index.ts';
import { repliesBypassDirector } from '../../src/forwarding/no-output.ts';

const ctx = (family: 'ipv4' | 'ipv6') => ({ family, director: 'director', servers: ['rs1', 'rs2'], vip: family === 'ipv6' ? 'fd00::100' : '10.0.0.100' });

t.test('DR: -g, real server i at 10.2.0.(10+i) on the service port, bound to the VIP; every protocol input-only', async (t) => {
  t.equal(FORWARDING.dr, DR);
  t.equal(DR.ipvsFlag, '-g');
  t.same(DR.realServer('ipv4', 2, 53), { address: '10.2.0.12', port: 53, bind: '10.0.0.100' });
  t.same(DR.realServer('ipv6', 1, 80), { address: 'fd00:2:0::11', port: 80, bind: 'fd00::100' });
  t.equal(DR.stateTable, 'input-only', 'every protocol; UDP: no reply through the director, never IP_VS_DIR_OUTPUT');
  t.equal(repliesBypassDirector(DR), true);
  t.same(DR.constraints?.({ service: { family: 'ipv6' } }) ?? [], [], 'IPv6 allowed');
});

t.test('DR topology (IPv4): the bridge, gw, each port, the VIP on the real servers lo, no director forwarding', async (t) => {
  const part = DR.topology(ctx('ipv4'));
  t.equal(part.clientGateway, 'gw');
  t.same(part.ip, [
    { ns: '-', line: 'netns add lan' },
    { ns: 'lan', line: 'link set lo up' },
    { ns: 'lan', line: 'link add br0 type bridge' },
    { ns: 'lan', line: 'link set br0 up' },
    { ns: '-', line: 'netns add gw' },
    { ns: 'gw', line: 'link set lo up' },
    { ns: '-', line: 'link add vdira netns lan type veth peer name vdirb netns director' },
    { ns: 'lan', line: 'link set vdira master br0' },
    { ns: 'lan', line: 'link set vdira up' },
    { ns: 'director', line: 'addr add 10.2.0.1/24 dev vdirb' },
    { ns: 'director', line: 'link set vdirb up' },
    { ns: '-', line: 'link add vgwa netns lan type veth peer name vgwb netns gw' },
    { ns: 'lan', line: 'link set vgwa master br0' },
    { ns: 'lan', line: 'link set vgwa up' },
    { ns: 'gw', line: 'addr add 10.2.0.254/24 dev vgwb' },
    { ns: 'gw', line: 'link set vgwb up' },
    { ns: 'gw', line: 'route add 10.0.0.100 via 10.2.0.1' },
    { ns: '-', line: 'link add vrs1a netns lan type veth peer name vrs1b netns rs1' },
    { ns: 'lan', line: 'link set vrs1a master br0' },
    { ns: 'lan', line: 'link set vrs1a up' },
    { ns: 'rs1', line: 'addr add 10.2.0.11/24 dev vrs1b' },
    { ns: 'rs1', line: 'link set vrs1b up' },
    { ns: 'rs1', line: 'route add 10.1.0.0/16 via 10.2.0.254' },
    { ns: '-', line: 'link add vrs2a netns lan type veth peer name vrs2b netns rs2' },
    { ns: 'lan', line: 'link set vrs2a master br0' },
    { ns: 'lan', line: 'link set vrs2a up' },
    { ns: 'rs2', line: 'addr add 10.2.0.12/24 dev vrs2b' },
    { ns: 'rs2', line: 'link set vrs2b up' },
    { ns: 'rs2', line: 'route add 10.1.0.0/16 via 10.2.0.254' },
    { ns: 'rs1', line: 'addr add 10.0.0.100/32 dev lo' },
    { ns: 'rs2', line: 'addr add 10.0.0.100/32 dev lo' },
  ]);
  t.same(part.sysctls, [
    { ns: 'gw', key: 'net.ipv4.ip_forward', value: 1 },
    { ns: 'rs1', key: 'net.ipv4.conf.all.arp_ignore', value: 1 },
    { ns: 'rs1', key: 'net.ipv4.conf.all.arp_announce', value: 2 },
    { ns: 'rs2', key: 'net.ipv4.conf.all.arp_ignore', value: 1 },
    { ns: 'rs2', key: 'net.ipv4.conf.all.arp_announce', value: 2 },
  ]);
  t.notOk(part.sysctls.some((x) => x.ns === 'director'), 'nothing on the director: no ip_forward');
});

t.test('DR topology (IPv6): fd00:2:0::C without duplicate address detection, the VIP a /128 on lo, IPv6 forwarding on gw, no ARP settings', async (t) => {
  const part = DR.topology(ctx('ipv6'));
  const of = (ns: string) => part.ip.filter((c) => c.ns === ns).map((c) => c.line);
  t.same(of('gw'), ['link set lo up', 'addr add fd00:2:0::254/64 dev vgwb nodad', 'link set vgwb up', 'route add fd00::100 via fd00:2:0::1']);
  t.same(of('rs1'), ['addr add fd00:2:0::11/64 dev vrs1b nodad', 'link set vrs1b up', 'route add fd00:1::/32 via fd00:2:0::254', 'addr add fd00::100/128 dev lo nodad']);
  t.same(of('director'), ['addr add fd00:2:0::1/64 dev vdirb nodad', 'link set vdirb up']);
  t.same(part.sysctls, [
    { ns: 'gw', key: 'net.ipv4.ip_forward', value: 1 },
    { ns: 'gw', key: 'net.ipv6.conf.all.forwarding', value: 1 },
  ]);
});
