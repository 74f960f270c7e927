// Expectations written by hand from vm/agent.sh before the plan (git show
// 526862b:vm/agent.sh, ask()): `timeout 5 wget -q -O - http://$(at VIP PORT)/id`
// (TCP); `echo id | timeout 5 socat -d -d -t 4 -T 4 - UDP4:VIP:PORT,readbytes=8`
// (UDP: the request now from a plan file); `timeout 5 socat -t 4 -T 4 -
// SCTP4-CONNECT:VIP:PORT,shut-none < /dev/null` (SCTP), now with UDP's -d -d
// (the port it connected from).
import t from 'tap';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../../../src/scenario/load.ts';
import { clientPlan } from '../../../src/guest/plan/clients.ts';

const scenario = (name: string) => parseScenario(readFileSync(new URL(`../../../fixtures/scenarios/${name}.yaml`, import.meta.url), 'utf8'), `${name}.yaml`);

t.test('smoke: a wget a client, named and numbered as the records number them', async (t) => {
  t.same(clientPlan(scenario('smoke')), [
    { path: 'clients', text: 'client1 1 timeout 5 wget -q -O - http://10.0.0.100:80/id\nclient2 2 timeout 5 wget -q -O - http://10.0.0.100:80/id\n' },
  ]);
});

t.test('ipv6: the VIP in brackets, quoted for the shell', async (t) => {
  t.equal(clientPlan(scenario('ipv6'))[0]!.text.split('\n')[0], "client1 1 timeout 5 wget -q -O - 'http://[fd00::100]:80/id'");
});

t.test('udp: socat sends "id" from the request file', async (t) => {
  t.same(clientPlan(scenario('udp')), [
    {
      path: 'clients',
      text:
        'client1 1 timeout 5 socat -d -d -t 4 -T 4 - UDP4:10.0.0.100:53,readbytes=8 < /etc/plan/request\n' +
        'client2 2 timeout 5 socat -d -d -t 4 -T 4 - UDP4:10.0.0.100:53,readbytes=8 < /etc/plan/request\n',
    },
    { path: 'request', text: 'id\n' },
  ]);
  // Planned by family (the loader refuses UDP over IPv6 for now): UDP6 and [addr]:port.
  const s = scenario('udp');
  const v6 = { ...s, service: { ...s.service, family: 'ipv6' as const } };
  t.equal(clientPlan(v6)[0]!.text.split('\n')[0], "client1 1 timeout 5 socat -d -d -t 4 -T 4 - 'UDP6:[fd00::100]:53,readbytes=8' < /etc/plan/request");
});

t.test('sctp: nothing sent, the association kept open (shut-none)', async (t) => {
  t.same(clientPlan(scenario('sctp')), [
    {
      path: 'clients',
      text:
        'client1 1 timeout 5 socat -d -d -t 4 -T 4 - SCTP4-CONNECT:10.0.0.100:80,shut-none < /dev/null\n' +
        'client2 2 timeout 5 socat -d -d -t 4 -T 4 - SCTP4-CONNECT:10.0.0.100:80,shut-none < /dev/null\n',
    },
  ]);
});
