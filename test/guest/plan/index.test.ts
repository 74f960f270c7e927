// The whole plan: its setup steps in the order vm/agent.sh ran them before
// the plan (git show 526862b:vm/agent.sh: setup_topology()'s two ip_flush
// calls around `sleep 0.05`, its sysctls and servers, then setup_ipvs()),
// written out by hand, and the files the steps name.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../../../src/scenario/load.ts';
import { guestPlan } from '../../../src/guest/plan/index.ts';

const scenario = (name: string) => parseScenario(readFileSync(new URL(`../../../fixtures/scenarios/${name}.yaml`, import.meta.url), 'utf8'), `${name}.yaml`);
const file = (name: string, path: string) => guestPlan(scenario(name), { coverage: false }).find((f) => f.path === path)?.text;

const TOPOLOGY = [
  'ip - ip-1-init',
  'ip director ip-1-director',
  'pause - 0.05',
  'ip - ip-2-init',
  'ip attacker ip-2-attacker',
  'ip rs1 ip-2-rs1',
  'ip rs2 ip-2-rs2',
  'ip client1 ip-2-client1',
  'ip client2 ip-2-client2',
  'ip director ip-2-director',
];

t.test('smoke: topology, sysctls, the servers (run: httpd forks), the service', async (t) => {
  t.equal(
    file('smoke', 'setup'),
    [
      ...TOPOLOGY,
      'sysctl director net.ipv4.ip_forward=1',
      'sysctl director net.ipv4.vs.amemthresh=1024',
      'sysctl director net.ipv4.vs.drop_entry=3',
      'run rs1 httpd -p 80 -h /etc/plan/www/rs1',
      'run rs2 httpd -p 80 -h /etc/plan/www/rs2',
      'ipvs director ipvs-director',
    ].join('\n') + '\n',
  );
});

t.test('udp: rp_filter on the real servers, socat spawned', async (t) => {
  t.equal(
    file('udp', 'setup'),
    [
      ...TOPOLOGY,
      'sysctl director net.ipv4.ip_forward=1',
      'sysctl rs1 net.ipv4.conf.all.rp_filter=1',
      'sysctl rs2 net.ipv4.conf.all.rp_filter=1',
      'sysctl director net.ipv4.vs.amemthresh=1024',
      'sysctl director net.ipv4.vs.drop_entry=3',
      "spawn rs1 socat UDP4-RECVFROM:80,fork 'SYSTEM:read -r request; exec cat /etc/plan/www/rs1/id8' < /dev/null",
      "spawn rs2 socat UDP4-RECVFROM:80,fork 'SYSTEM:read -r request; exec cat /etc/plan/www/rs2/id8' < /dev/null",
      'ipvs director ipvs-director',
    ].join('\n') + '\n',
  );
  t.equal(file('udp', 'request'), 'id\n');
});

t.test('sync: the backup\'s batch, the service on both, then the daemons (master first, syncid 7)', async (t) => {
  const steps = file('sync', 'setup')!.split('\n');
  t.ok(steps.includes('ip backup ip-2-backup'));
  t.same(steps.slice(-5), [
    'ipvs director ipvs-director',
    'ipvs backup ipvs-backup',
    'run director ipvsadm --start-daemon master --mcast-interface vsynca --syncid 7',
    'run backup ipvsadm --start-daemon backup --mcast-interface vsyncb --syncid 7',
    '',
  ]);
  t.equal(file('sync', 'ipvs-backup'), file('sync', 'ipvs-director'), 'the same service on the backup');
});

t.test('every file a step names is in the plan; no file twice', async (t) => {
  for (const name of ['smoke', 'udp', 'sctp', 'ipv6', 'sync', 'teardown', 'udp-ipv6', 'sctp-ipv6', 'sync-ipv6']) {
    const plan = guestPlan(scenario(name), { coverage: false });
    const paths = plan.map((f) => f.path);
    t.equal(new Set(paths).size, paths.length, `${name}: paths unique`);
    const named = file(name, 'setup')!
      .trim()
      .split('\n')
      .filter((l) => /^(ip|ipvs) /.test(l))
      .map((l) => l.split(' ')[2]!);
    t.ok(named.length >= 8, `${name}: ${named.length} files named`);
    t.same(named.filter((p) => !paths.includes(p)), [], `${name}: all there`);
    t.ok(paths.includes('env') && paths.includes('clients'), `${name}: env and clients`);
  }
});

// DR and TUN (src/forwarding/dr.ts, tun.ts; ../shared/ipvs-dr-tun.md §5),
// written out by hand: the same namespaces, then the method's lan and gw
// (their batches after the director's, in the order first named); gw forwards,
// the director does not; the real servers' ARP (DR) or tunl0 rp_filter (TUN)
// settings, then the protocol's (UDP: rp_filter 1); servers bound to the VIP
// on the service's port; ipvsadm -g / -i to 10.2.0.(10 + i) on that port.
const SEGMENT = [...TOPOLOGY, 'ip lan ip-2-lan', 'ip gw ip-2-gw'];
const ARP = ['rs1', 'rs2'].flatMap((ns) => [`sysctl ${ns} net.ipv4.conf.all.arp_ignore=1`, `sysctl ${ns} net.ipv4.conf.all.arp_announce=2`]);
const DEFENSE = ['sysctl director net.ipv4.vs.amemthresh=1024', 'sysctl director net.ipv4.vs.drop_entry=3'];

t.test('dr-tcp: the segment, ARP settings, httpd on VIP:80, -g', async (t) => {
  t.equal(
    file('dr-tcp', 'setup'),
    [
      ...SEGMENT,
      'sysctl gw net.ipv4.ip_forward=1',
      ...ARP,
      ...DEFENSE,
      'run rs1 httpd -p 10.0.0.100:80 -h /etc/plan/www/rs1',
      'run rs2 httpd -p 10.0.0.100:80 -h /etc/plan/www/rs2',
      'ipvs director ipvs-director',
    ].join('\n') + '\n',
  );
  t.equal(file('dr-tcp', 'ipvs-director'), '-A -t 10.0.0.100:80 -s rr -p 300 -M 255.255.255.255\n-a -t 10.0.0.100:80 -r 10.2.0.11:80 -g -w 1\n-a -t 10.0.0.100:80 -r 10.2.0.12:80 -g -w 1\n');
});

t.test('dr-udp: UDP\'s rp_filter after the ARP settings, socat bound to VIP:53, the real servers on 53 too', async (t) => {
  t.equal(
    file('dr-udp', 'setup'),
    [
      ...SEGMENT,
      'sysctl gw net.ipv4.ip_forward=1',
      ...ARP,
      'sysctl rs1 net.ipv4.conf.all.rp_filter=1',
      'sysctl rs2 net.ipv4.conf.all.rp_filter=1',
      ...DEFENSE,
      "spawn rs1 socat UDP4-RECVFROM:53,bind=10.0.0.100,fork 'SYSTEM:read -r request; exec cat /etc/plan/www/rs1/id8' < /dev/null",
      "spawn rs2 socat UDP4-RECVFROM:53,bind=10.0.0.100,fork 'SYSTEM:read -r request; exec cat /etc/plan/www/rs2/id8' < /dev/null",
      'ipvs director ipvs-director',
    ].join('\n') + '\n',
  );
  t.equal(file('dr-udp', 'ipvs-director'), '-A -u 10.0.0.100:53 -s rr -p 300 -M 255.255.255.255\n-a -u 10.0.0.100:53 -r 10.2.0.11:53 -g -w 1\n-a -u 10.0.0.100:53 -r 10.2.0.12:53 -g -w 1\n');
});

t.test('tun-sctp: tunl0 rp_filter 2, socat SCTP bound to VIP:80, -i', async (t) => {
  t.equal(
    file('tun-sctp', 'setup'),
    [
      ...SEGMENT,
      'sysctl gw net.ipv4.ip_forward=1',
      'sysctl rs1 net.ipv4.conf.tunl0.rp_filter=2',
      'sysctl rs2 net.ipv4.conf.tunl0.rp_filter=2',
      ...DEFENSE,
      "spawn rs1 socat SCTP4-LISTEN:80,bind=10.0.0.100,fork,reuseaddr,backlog=128 'EXEC:cat /etc/plan/www/rs1/id' < /dev/null",
      "spawn rs2 socat SCTP4-LISTEN:80,bind=10.0.0.100,fork,reuseaddr,backlog=128 'EXEC:cat /etc/plan/www/rs2/id' < /dev/null",
      'ipvs director ipvs-director',
    ].join('\n') + '\n',
  );
  t.equal(
    file('tun-sctp', 'ipvs-director'),
    '-A --sctp-service 10.0.0.100:80 -s rr -p 300 -M 255.255.255.255\n-a --sctp-service 10.0.0.100:80 -r 10.2.0.11:80 -i -w 1\n-a --sctp-service 10.0.0.100:80 -r 10.2.0.12:80 -i -w 1\n',
  );
});

t.test('tun-tcp: -i, httpd on VIP:80; the clients\' requests unchanged (they ask the VIP)', async (t) => {
  const setup = file('tun-tcp', 'setup')!.split('\n');
  t.ok(setup.includes('run rs1 httpd -p 10.0.0.100:80 -h /etc/plan/www/rs1'));
  t.notOk(setup.some((l) => l.startsWith('sysctl director net.ipv4.ip_forward')), 'no forwarding on the director');
  t.match(file('tun-tcp', 'ipvs-director'), /^-a -t 10\.0\.0\.100:80 -r 10\.2\.0\.12:80 -i -w 1$/m);
  t.equal(file('tun-tcp', 'clients'), file('smoke', 'clients'));
  // IPv4 as it was before TUN took IPv6: the segment's port, the route to the clients, tunl0 up with the VIP /32 (no nodad).
  t.equal(file('tun-tcp', 'ip-2-rs1'), 'link set lo up\naddr add 10.2.0.11/24 dev vrs1b\nlink set vrs1b up\nroute add 10.1.0.0/16 via 10.2.0.254\nlink set tunl0 up\naddr add 10.0.0.100/32 dev tunl0\n');
});

// tun-ipv6 (tun-tcp with family ipv6, netmask /128), by hand from the dr over
// IPv6 test below and src/forwarding/tun.ts: the segment's steps, gw forwarding
// both families, no sysctl on the real servers (IPv6 has no rp_filter, and no
// tunl0 setting: the IPv6 packets come on ip6tnl0), ip6tnl0 up with the VIP.
t.test('tun-ipv6: the segment, IPv6 forwarding on gw, ip6tnl0 up with the VIP /128, httpd on [VIP]:80, -i to [fd00:2:0::1i]:80', async (t) => {
  t.equal(
    file('tun-ipv6', 'setup'),
    [
      ...SEGMENT,
      'sysctl gw net.ipv4.ip_forward=1',
      'sysctl gw net.ipv6.conf.all.forwarding=1',
      ...DEFENSE,
      "run rs1 httpd -p '[fd00::100]:80' -h /etc/plan/www/rs1",
      "run rs2 httpd -p '[fd00::100]:80' -h /etc/plan/www/rs2",
      'ipvs director ipvs-director',
      // IPv6: every namespace with an address on the clients' or the flood's path, out of tentative first.
      'settle director 5',
      'settle attacker 5',
      'settle gw 5',
      'settle rs1 5',
      'settle rs2 5',
    ].join('\n') + '\n',
  );
  t.equal(file('tun-ipv6', 'ipvs-director'), '-A -t [fd00::100]:80 -s rr -p 300 -M 128\n-a -t [fd00::100]:80 -r [fd00:2:0::11]:80 -i -w 1\n-a -t [fd00::100]:80 -r [fd00:2:0::12]:80 -i -w 1\n');
  t.equal(file('tun-ipv6', 'ip-2-rs1'), 'link set lo up\naddr add fd00:2:0::11/64 dev vrs1b nodad\nlink set vrs1b up\nroute add fd00:1::/32 via fd00:2:0::254\nlink set ip6tnl0 up\naddr add fd00::100/128 dev ip6tnl0 nodad\n');
  t.equal(file('tun-ipv6', 'ip-2-director'), 'link add dummy0 type dummy\naddr add fd00::100/128 dev dummy0 nodad\nlink set dummy0 up\naddr add fd00:0:3::1/64 dev vattb nodad\nlink set vattb up\naddr add fd00:2:0::1/64 dev vdirb nodad\nlink set vdirb up\n', 'no forwarding, no tunnel device on the director');
  t.equal(file('tun-ipv6', 'clients'), file('ipv6', 'clients'));
});

t.test('dr over IPv6 (TCP): bracketed addresses, httpd on [VIP]:80, IPv6 forwarding on gw, no ARP settings', async (t) => {
  const text = readFileSync(new URL('../../../fixtures/scenarios/dr-tcp.yaml', import.meta.url), 'utf8').replace('  port: 80\n', '  family: ipv6\n  port: 80\n').replace('255.255.255.255', '/128');
  const plan = new Map(guestPlan(parseScenario(text, 'dr6.yaml'), { coverage: false }).map((f) => [f.path, f.text]));
  t.equal(
    plan.get('setup'),
    [
      ...SEGMENT,
      'sysctl gw net.ipv4.ip_forward=1',
      'sysctl gw net.ipv6.conf.all.forwarding=1',
      ...DEFENSE,
      "run rs1 httpd -p '[fd00::100]:80' -h /etc/plan/www/rs1",
      "run rs2 httpd -p '[fd00::100]:80' -h /etc/plan/www/rs2",
      'ipvs director ipvs-director',
      // IPv6: every namespace with an address on the clients' or the flood's path, out of tentative first.
      'settle director 5',
      'settle attacker 5',
      'settle gw 5',
      'settle rs1 5',
      'settle rs2 5',
    ].join('\n') + '\n',
  );
  t.equal(plan.get('ipvs-director'), '-A -t [fd00::100]:80 -s rr -p 300 -M 128\n-a -t [fd00::100]:80 -r [fd00:2:0::11]:80 -g -w 1\n-a -t [fd00::100]:80 -r [fd00:2:0::12]:80 -g -w 1\n');
  t.equal(plan.get('ip-2-rs2'), 'link set lo up\naddr add fd00:2:0::12/64 dev vrs2b nodad\nlink set vrs2b up\nroute add fd00:1::/32 via fd00:2:0::254\naddr add fd00::100/128 dev lo nodad\n');
});

// The IPv6 fixtures of UDP, SCTP and sync, written out by hand from their
// IPv4 twins above: the same steps, IPv6 sockets and addresses (fd00:A:B::C).
t.test('udp-ipv6: UDP6 servers taking the clients\' networks alone, -u [fd00::100]:53 -M 128, UDP6 clients', async (t) => {
  t.equal(
    file('udp-ipv6', 'setup'),
    [
      ...TOPOLOGY,
      'sysctl director net.ipv4.ip_forward=1',
      'sysctl director net.ipv6.conf.all.forwarding=1',
      'sysctl rs1 net.ipv4.conf.all.rp_filter=1',
      'sysctl rs2 net.ipv4.conf.all.rp_filter=1',
      ...DEFENSE,
      "spawn rs1 socat 'UDP6-RECVFROM:80,range=[fd00:1::]/32,fork' 'SYSTEM:read -r request; exec cat /etc/plan/www/rs1/id8' < /dev/null",
      "spawn rs2 socat 'UDP6-RECVFROM:80,range=[fd00:1::]/32,fork' 'SYSTEM:read -r request; exec cat /etc/plan/www/rs2/id8' < /dev/null",
      'ipvs director ipvs-director',
      // IPv6: every namespace with an address on the clients' or the flood's path, out of tentative first.
      'settle director 5',
      'settle attacker 5',
      'settle rs1 5',
      'settle rs2 5',
    ].join('\n') + '\n',
  );
  t.equal(file('udp-ipv6', 'ipvs-director'), '-A -u [fd00::100]:53 -s rr -p 300 -M 128\n-a -u [fd00::100]:53 -r [fd00:2:1::2]:80 -m -w 1\n-a -u [fd00::100]:53 -r [fd00:2:2::2]:80 -m -w 1\n');
  t.match(file('udp-ipv6', 'clients'), /^client1 1 .*'UDP6:\[fd00::100\]:53,readbytes=8'/m);
});

t.test('sctp-ipv6: SCTP6 servers, --sctp-service [fd00::100]:80, SCTP6 clients', async (t) => {
  const setup = file('sctp-ipv6', 'setup')!.split('\n');
  t.ok(setup.includes("spawn rs1 socat SCTP6-LISTEN:80,fork,reuseaddr,backlog=128 'EXEC:cat /etc/plan/www/rs1/id' < /dev/null"), 'an SCTP6 server, no range (the INIT ACKs to the flood die unrouted in the kernel)');
  t.equal(file('sctp-ipv6', 'ipvs-director'), '-A --sctp-service [fd00::100]:80 -s rr -p 300 -M 128\n-a --sctp-service [fd00::100]:80 -r [fd00:2:1::2]:80 -m -w 1\n-a --sctp-service [fd00::100]:80 -r [fd00:2:2::2]:80 -m -w 1\n');
  t.match(file('sctp-ipv6', 'clients'), /^client1 1 .*'SCTP6-CONNECT:\[fd00::100\]:80,shut-none'/m);
});

t.test('sync-ipv6: the sync link IPv4 (the daemons\' 224.0.0.81), the IPv6 VIP on the backup, -M 64 on both', async (t) => {
  // bind_mcastif_addr() (ip_vs_sync.c:1455) needs an IPv4 address on the master's link.
  t.equal(file('sync-ipv6', 'ip-2-backup'), 'link set lo up\naddr add 10.9.0.2/24 dev vsyncb\nlink set vsyncb up\nlink add dummy0 type dummy\naddr add fd00::100/128 dev dummy0 nodad\nlink set dummy0 up\n');
  t.match(file('sync-ipv6', 'ip-2-director'), /^addr add 10\.9\.0\.1\/24 dev vsynca$/m);
  t.notMatch(file('sync-ipv6', 'ip-2-director'), /fd00:9:/, 'no IPv6 address on the sync link');
  t.match(file('sync-ipv6', 'ipvs-director'), /^-A -t \[fd00::100\]:80 -s rr -p 300 -M 64$/m);
  t.equal(file('sync-ipv6', 'ipvs-backup'), file('sync-ipv6', 'ipvs-director'), 'the same service on the backup');
  const steps = file('sync-ipv6', 'setup')!.split('\n');
  t.same(steps.slice(-8, -1), [
    'run director ipvsadm --start-daemon master --mcast-interface vsynca --syncid 7',
    'run backup ipvsadm --start-daemon backup --mcast-interface vsyncb --syncid 7',
    // IPv6: every namespace with an address (the clients' aside) out of tentative before the clients ask.
    'settle director 5',
    'settle attacker 5',
    'settle rs1 5',
    'settle rs2 5',
    'settle backup 5',
  ]);
});
