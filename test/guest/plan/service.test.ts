// Expectations written by hand from vm/agent.sh before the plan (git show
// 526862b:vm/agent.sh, service()): `ipvsadm -A $svc $(at VIP PORT) -s SCHED
// -p PERSISTENCE -M NETMASK [-o]`, then `ipvsadm -a $svc $(at VIP PORT) -r
// $(at 10.2.i.2 80) -m` per real server, written as `ipvsadm -S -n` would
// (weight 1, ipvsadm's default, made explicit).
import t from 'tap';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../../../src/scenario/load.ts';
import { serviceRestore } from '../../../src/guest/plan/service.ts';

const text = (name: string) => readFileSync(new URL(`../../../fixtures/scenarios/${name}.yaml`, import.meta.url), 'utf8');
const scenario = (name: string) => parseScenario(text(name), `${name}.yaml`);

t.test('smoke: TCP (-t), rr, persistence 300, /32 netmask, NAT (-m)', async (t) => {
  t.equal(
    serviceRestore(scenario('smoke')),
    '-A -t 10.0.0.100:80 -s rr -p 300 -M 255.255.255.255\n' + '-a -t 10.0.0.100:80 -r 10.2.1.2:80 -m -w 1\n' + '-a -t 10.0.0.100:80 -r 10.2.2.2:80 -m -w 1\n',
  );
});

t.test('udp: -u on port 53; the real servers still on 80 (NAT rewrites the port)', async (t) => {
  t.equal(
    serviceRestore(scenario('udp')),
    '-A -u 10.0.0.100:53 -s rr -p 300 -M 255.255.255.255\n' + '-a -u 10.0.0.100:53 -r 10.2.1.2:80 -m -w 1\n' + '-a -u 10.0.0.100:53 -r 10.2.2.2:80 -m -w 1\n',
  );
  // SC_OPS=1 added -o to the service.
  const ops = parseScenario(text('udp').replace('  port: 53\n', '  ops: true\n  port: 53\n'), 'ops.yaml');
  t.equal(serviceRestore(ops).split('\n')[0], '-A -u 10.0.0.100:53 -s rr -p 300 -M 255.255.255.255 -o');
});

t.test('sctp: --sctp-service', async (t) => {
  t.equal(
    serviceRestore(scenario('sctp')),
    '-A --sctp-service 10.0.0.100:80 -s rr -p 300 -M 255.255.255.255\n' +
      '-a --sctp-service 10.0.0.100:80 -r 10.2.1.2:80 -m -w 1\n' +
      '-a --sctp-service 10.0.0.100:80 -r 10.2.2.2:80 -m -w 1\n',
  );
});

t.test('ipv6: addresses in brackets, the netmask a prefix length without its slash', async (t) => {
  t.equal(
    serviceRestore(scenario('ipv6')),
    '-A -t [fd00::100]:80 -s rr -p 300 -M 128\n' + '-a -t [fd00::100]:80 -r [fd00:2:1::2]:80 -m -w 1\n' + '-a -t [fd00::100]:80 -r [fd00:2:2::2]:80 -m -w 1\n',
  );
});
