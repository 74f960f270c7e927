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
import type { PlanFile } from './types.ts';
import { commandLine } from './shell.ts';
import { familyOf } from '../../scenario/schema.ts';

/**
 * IPv6: how long the agent waits for the directors' and real servers'
 * addresses to leave the tentative state (vm/agent.sh settle()). The clients'
 * need no wait: socat connects only from a usable address. Seen once in 400
 * IPv6 runs (6.1, fuzz seed 611 case 36): clients that asked 0.02 s after a
 * slow setup (3.4 s) lost every datagram before IPVS.
 */
export const SETTLE_S = 5;

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
    ...(familyOf(s) === 'ipv6' ? [...new Set([...directors, ...servers.map((x) => x.ns)])].map((ns): Step => ({ op: 'settle', ns, seconds: SETTLE_S })) : []),
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
