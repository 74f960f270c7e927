// Pure: each legitimate client's request, as the agent's client loop runs it
// every interval (on guest time, so the loop itself is the agent's).
import { familyOf, protocolOf, type Scenario } from '../../scenario/schema.ts';
import { vipOf } from '../../scenario/topology.ts';
import { PROTOCOLS } from '../../protocols/index.ts';
import { clientName, numbered } from './nodes.ts';
import { inputPath } from './paths.ts';
import { commandLine } from './shell.ts';
import type { PlanFile } from './types.ts';

/** The plan's `clients` file (one line a client: NAME INDEX COMMAND...) and the request it sends, if any. */
export function clientPlan(s: Scenario): PlanFile[] {
  const f = familyOf(s);
  const c = PROTOCOLS[protocolOf(s)].guest.client({ family: f, vip: vipOf(f), port: s.service.port });
  const input = c.input === undefined ? undefined : inputPath(c.input, 'request');
  const command = commandLine(c.argv, input);
  const lines = numbered(s.clients.count, clientName).map((name, k) => `${name} ${k + 1} ${command}\n`);
  return [{ path: 'clients', text: lines.join('') }, ...(c.input ? [{ path: 'request', text: c.input }] : [])];
}
