// Pure: the guest's whole plan for a scenario, as the files the agent
// (vm/agent.sh) reads from PLAN_DIR: `env` (the run's values), `setup` (the
// steps, in order) and the files they name, `clients` (the requests).
// Everything here is decided on the host; the agent keeps only what runs on
// guest time.
import type { Scenario } from '../../scenario/schema.ts';
import { clientPlan } from './clients.ts';
import { BACKUP, DIRECTOR } from './nodes.ts';
import { serverPlans } from './servers.ts';
import { serviceRestore } from './service.ts';
import { ipBatches, stepLine, type Step } from './steps.ts';
import { syncDaemons } from './sync.ts';
import { sysctlPlan } from './sysctls.ts';
import { timingEnv } from './timing.ts';
import { DIRECTOR_PAUSE, topologyPlan } from './topology.ts';
import type { IpCommand, PlanFile } from './types.ts';
import { commandLine } from './shell.ts';
import { familyOf } from '../../scenario/schema.ts';

/**
 * IPv6: how long the agent waits for the addresses of every namespace on the
 * clients' path (gw, the directors, the real servers) to leave the tentative
 * state (vm/agent.sh settle()). The clients' own need no wait: socat connects
 * only from a usable address. Seen twice in ~400 IPv6 runs on 6.1 (fuzz seeds
 * 611 case 36 and 613 case 22, both UDP over TUN, 32 and 24 clients, so 32
 * and 24 links on gw): clients that asked within 0.04 s of "ready" lost every
 * datagram before IPVS.
 */
export const SETTLE_S = 5;

/** The namespaces the plan gives an address, clients' aside, in the order first met. */
function addressedNamespaces(stages: IpCommand[][]): string[] {
  const ns = stages.flat().filter((c) => c.line.startsWith('addr add ') && !c.ns.startsWith('client'));
  return [...new Set(ns.map((c) => c.ns))];
}

export function guestPlan(s: Scenario, o: { coverage: boolean }): PlanFile[] {
  const topo = topologyPlan(s);
  const [first, second] = topo.stages.map((stage, k) => ipBatches(stage, k + 1));
  const servers = serverPlans(s);
  const directors = s.sync ? [DIRECTOR, BACKUP] : [DIRECTOR];
  const steps: Step[] = [
    ...first!.steps,
    { op: 'pause', seconds: DIRECTOR_PAUSE },
    ...second!.steps,
    ...sysctlPlan(s, topo.sysctls).map((sysctl): Step => ({ op: 'sysctl', sysctl })),
    ...servers.map((x): Step => ({ op: x.daemon ? 'run' : 'spawn', ns: x.ns, command: x.command })),
    ...directors.map((ns): Step => ({ op: 'ipvs', ns, file: `ipvs-${ns}` })),
    ...(s.sync ? syncDaemons().map((d): Step => ({ op: 'run', ns: d.ns, command: commandLine(d.argv) })) : []),
    ...(familyOf(s) === 'ipv6' ? addressedNamespaces(topo.stages).map((ns): Step => ({ op: 'settle', ns, seconds: SETTLE_S })) : []),
  ];
  const restore = serviceRestore(s);
  return [
    { path: 'env', text: timingEnv(s, o) },
    { path: 'setup', text: steps.map(stepLine).join('\n') + '\n' },
    ...first!.files,
    ...second!.files,
    ...directors.map((ns) => ({ path: `ipvs-${ns}`, text: restore })),
    ...servers.flatMap((x) => x.files),
    ...clientPlan(s),
  ];
}
