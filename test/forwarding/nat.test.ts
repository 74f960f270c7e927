// NAT's part, checked by hand against vm/agent.sh before the plan (git show
// 526862b:vm/agent.sh: link director 10.2.i.1 rsi 10.2.i.2 vrsi, the route
// of the clients' networks, ip_forward; ipvsadm -a ... -r 10.2.i.2:80 -m).
import t from 'tap';
import { NAT } from '../../src/forwarding/nat.ts';
import { FORWARDING } from '../../src/forwarding/index.ts';
import { repliesBypassDirector } from '../../src/forwarding/no-output.ts';

t.test('NAT: -m, real server i at 10.2.i.2:80 whatever the service port, both directions seen', async (t) => {
  t.equal(FORWARDING.nat, NAT);
  t.equal(NAT.ipvsFlag, '-m');
  t.same(NAT.realServer('ipv4', 2, 53), { address: '10.2.2.2', port: 80 });
  t.same(NAT.realServer('ipv6', 1, 80), { address: 'fd00:2:1::2', port: 80 });
  t.equal(NAT.stateTable, 'both', 'every protocol: the answers pass the director');
  t.equal(repliesBypassDirector(NAT), false);
});

t.test('NAT topology: one link a real server, its route back to the clients via the director, forwarding on', async (t) => {
  const part = NAT.topology({ family: 'ipv4', director: 'director', servers: ['rs1'], vip: '10.0.0.100' });
  t.same(part.ip, [
    { ns: '-', line: 'link add vrs1a netns director type veth peer name vrs1b netns rs1' },
    { ns: 'director', line: 'addr add 10.2.1.1/24 dev vrs1a' },
    { ns: 'director', line: 'link set vrs1a up' },
    { ns: 'rs1', line: 'addr add 10.2.1.2/24 dev vrs1b' },
    { ns: 'rs1', line: 'link set vrs1b up' },
    { ns: 'rs1', line: 'route add 10.1.0.0/16 via 10.2.1.1' },
  ]);
  t.same(part.sysctls, [{ ns: 'director', key: 'net.ipv4.ip_forward', value: 1 }]);
});
