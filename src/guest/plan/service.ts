// Pure: the virtual service as an `ipvsadm -R` restore file (the lines
// `ipvsadm -S -n` writes: -A for the service, -a for each real server), the
// same on the director and, with scenario `sync: true`, on the backup.
import { familyOf, protocolOf, type Scenario } from '../../scenario/schema.ts';
import { vipOf, withPort } from '../../scenario/topology.ts';
import { PROTOCOLS } from '../../protocols/index.ts';
import { forwardingOf } from '../../forwarding/index.ts';

export function serviceRestore(s: Scenario): string {
  const f = familyOf(s);
  const flag = PROTOCOLS[protocolOf(s)].guest.ipvsFlag;
  const method = forwardingOf(s);
  const service = `${flag} ${withPort(f, vipOf(f), s.service.port)}`;
  // ipvsadm -M: IPv6's is the prefix length alone; -o: one-packet scheduling.
  const netmask = s.service.netmask.replace(/^\//, '');
  const lines = [`-A ${service} -s ${s.service.scheduler} -p ${s.service.persistence} -M ${netmask}${s.service.ops ? ' -o' : ''}`];
  for (let i = 1; i <= s.service.real_servers; i++) {
    const rs = method.realServer(f, i, s.service.port);
    lines.push(`-a ${service} -r ${withPort(f, rs.address, rs.port)} ${method.ipvsFlag} -w 1`);
  }
  return lines.join('\n') + '\n';
}
