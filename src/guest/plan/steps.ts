// Pure: the setup as steps the agent runs in order (the plan's `setup` file,
// one step a line: OP NAMESPACE ARGUMENT; "-" is the initial namespace):
//   ip NS FILE       ip -batch FILE (in NS)
//   pause - SECONDS  sleep
//   sysctl NS K=V    sysctl -w K=V in NS
//   ipvs NS FILE     ipvsadm -R < FILE in NS
//   run NS COMMAND   COMMAND (shell text) in NS; it must succeed
//   spawn NS COMMAND COMMAND in NS, in the background (a server)
//   settle NS SECONDS IPv6: wait (at most SECONDS) until NS has no tentative global address
// Each failure is reported with the step (vm/agent.sh must()).
import { INIT_NS, type IpCommand, type Sysctl } from './types.ts';

export type Step =
  | { op: 'ip' | 'ipvs'; ns: string; file: string }
  | { op: 'pause'; seconds: number }
  | { op: 'sysctl'; sysctl: Sysctl }
  | { op: 'run' | 'spawn'; ns: string; command: string }
  | { op: 'settle'; ns: string; seconds: number };

export function stepLine(s: Step): string {
  switch (s.op) {
    case 'ip':
    case 'ipvs':
      return `${s.op} ${s.ns} ${s.file}`;
    case 'pause':
      return `pause ${INIT_NS} ${s.seconds}`;
    case 'sysctl':
      return `sysctl ${s.sysctl.ns} ${s.sysctl.key}=${s.sysctl.value}`;
    case 'run':
    case 'spawn':
      return `${s.op} ${s.ns} ${s.command}`;
    case 'settle':
      return `settle ${s.ns} ${s.seconds}`;
  }
}

/**
 * One stage's ip commands as one batch file a namespace (the initial one's
 * first: it makes the namespaces and the links), each in the order queued.
 */
export function ipBatches(stage: IpCommand[], n: number): { steps: Step[]; files: { path: string; text: string }[] } {
  const byNs = new Map<string, string[]>([[INIT_NS, []]]);
  for (const c of stage) {
    const lines = byNs.get(c.ns) ?? [];
    lines.push(c.line);
    byNs.set(c.ns, lines);
  }
  const used = [...byNs].filter(([, lines]) => lines.length > 0);
  const file = (ns: string) => `ip-${n}-${ns === INIT_NS ? 'init' : ns}`;
  return {
    steps: used.map(([ns]) => ({ op: 'ip', ns, file: file(ns) })),
    files: used.map(([ns, lines]) => ({ path: file(ns), text: lines.join('\n') + '\n' })),
  };
}
