// Expectations written by hand from vm/agent.sh before the plan (git show
// 526862b:vm/agent.sh, setup_topology()'s servers): busybox httpd -p 80 -h
// the server's directory (TCP), socat UDP4-RECVFROM:80,fork answering with
// id8 (UDP), socat SCTP4-LISTEN:80,fork,reuseaddr,backlog=128 answering with id (SCTP);
// id is the name and a newline, id8 `printf '%-7s\n'` of it.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../../../src/scenario/load.ts';
import { serverPlans } from '../../../src/guest/plan/servers.ts';

const text = (name: string) => readFileSync(new URL(`../../../fixtures/scenarios/${name}.yaml`, import.meta.url), 'utf8');
const scenario = (name: string) => parseScenario(text(name), `${name}.yaml`);

t.test('smoke: httpd, a daemon, in each real server, serving its name', async (t) => {
  const p = serverPlans(scenario('smoke'));
  t.equal(p.length, 2);
  t.same(
    p.map((x) => [x.ns, x.command, x.daemon]),
    [
      ['rs1', 'httpd -p 80 -h /etc/plan/www/rs1', true],
      ['rs2', 'httpd -p 80 -h /etc/plan/www/rs2', true],
    ],
  );
  t.same(p[1]!.files, [
    { path: 'www/rs2/id', text: 'rs2\n' },
    { path: 'www/rs2/id8', text: 'rs2    \n' },
  ]);
});

t.test('udp: socat in the background, its input /dev/null, the answer 8 bytes', async (t) => {
  const p = serverPlans(scenario('udp'));
  t.equal(p.length, 2);
  t.same(
    p.map((x) => [x.ns, x.command, x.daemon]),
    [
      ['rs1', "socat UDP4-RECVFROM:80,fork 'SYSTEM:read -r request; exec cat /etc/plan/www/rs1/id8' < /dev/null", false],
      ['rs2', "socat UDP4-RECVFROM:80,fork 'SYSTEM:read -r request; exec cat /etc/plan/www/rs2/id8' < /dev/null", false],
    ],
  );
  t.equal(Buffer.byteLength(p[0]!.files[1]!.text), 8);
});

t.test('sctp: SCTP4-LISTEN, the name back; over IPv6 the same tools on IPv6 sockets', async (t) => {
  t.equal(serverPlans(scenario('sctp'))[0]!.command, "socat SCTP4-LISTEN:80,fork,reuseaddr,backlog=128 'EXEC:cat /etc/plan/www/rs1/id' < /dev/null");
  t.equal(serverPlans(scenario('sctp-ipv6'))[0]!.command, "socat SCTP6-LISTEN:80,fork,reuseaddr,backlog=128 'EXEC:cat /etc/plan/www/rs1/id' < /dev/null");
});

t.test('udp-ipv6: UDP6-RECVFROM, the clients\' networks alone (range: IPv6 has no rp_filter)', async (t) => {
  t.equal(serverPlans(scenario('udp-ipv6'))[1]!.command, "socat 'UDP6-RECVFROM:80,range=[fd00:1::]/32,fork' 'SYSTEM:read -r request; exec cat /etc/plan/www/rs2/id8' < /dev/null");
});

// DR and TUN (src/forwarding/dr.ts, tun.ts): the server binds the VIP on the
// service's port, as busybox httpd's -p [IP:]PORT and socat's bind= option
// write it (IPv6 in brackets in both).
t.test('dr and tun: every protocol\'s server bound to VIP:service port', async (t) => {
  const p = serverPlans(scenario('dr-udp'));
  t.equal(p.length, 2);
  t.same(
    p.map((x) => [x.ns, x.command, x.daemon]),
    [
      ['rs1', "socat UDP4-RECVFROM:53,bind=10.0.0.100,fork 'SYSTEM:read -r request; exec cat /etc/plan/www/rs1/id8' < /dev/null", false],
      ['rs2', "socat UDP4-RECVFROM:53,bind=10.0.0.100,fork 'SYSTEM:read -r request; exec cat /etc/plan/www/rs2/id8' < /dev/null", false],
    ],
  );
  t.equal(serverPlans(scenario('dr-tcp'))[1]!.command, 'httpd -p 10.0.0.100:80 -h /etc/plan/www/rs2');
  t.equal(serverPlans(scenario('tun-tcp'))[0]!.command, 'httpd -p 10.0.0.100:80 -h /etc/plan/www/rs1');
  t.equal(serverPlans(scenario('tun-sctp'))[0]!.command, "socat SCTP4-LISTEN:80,bind=10.0.0.100,fork,reuseaddr,backlog=128 'EXEC:cat /etc/plan/www/rs1/id' < /dev/null");
  // Planned by family (the fixtures' IPv4 twins made IPv6; tun-ipv6 is the shipped one).
  const v6 = (name: string) => ({ ...scenario(name), service: { ...scenario(name).service, family: 'ipv6' as const } });
  t.equal(serverPlans(v6('dr-tcp'))[0]!.command, "httpd -p '[fd00::100]:80' -h /etc/plan/www/rs1");
  t.equal(serverPlans(v6('dr-udp'))[0]!.command, "socat 'UDP6-RECVFROM:53,bind=[fd00::100],range=[fd00:1::]/32,fork' 'SYSTEM:read -r request; exec cat /etc/plan/www/rs1/id8' < /dev/null");
  t.equal(serverPlans(scenario('tun-ipv6'))[1]!.command, "httpd -p '[fd00::100]:80' -h /etc/plan/www/rs2");
  t.equal(serverPlans(v6('tun-sctp'))[0]!.command, "socat 'SCTP6-LISTEN:80,bind=[fd00::100],fork,reuseaddr,backlog=128' 'EXEC:cat /etc/plan/www/rs1/id' < /dev/null");
});
