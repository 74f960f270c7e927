// Pure: each real server: the files it answers with and its command line.
import { familyOf, protocolOf, type Scenario } from '../../scenario/schema.ts';
import { PROTOCOLS } from '../../protocols/index.ts';
import { forwardingOf } from '../../forwarding/index.ts';
import { numbered, serverName } from './nodes.ts';
import { inPlan, inputPath } from './paths.ts';
import { commandLine } from './shell.ts';
import type { PlanFile } from './types.ts';

export interface ServerPlan {
  ns: string;
  /** Shell text (vm/agent.sh evals it in the server's namespace). */
  command: string;
  /** It forks itself into the background (httpd), or the agent starts it in the background. */
  daemon: boolean;
  files: PlanFile[];
}

export function serverPlans(s: Scenario): ServerPlan[] {
  const f = familyOf(s);
  const proto = PROTOCOLS[protocolOf(s)].guest;
  return numbered(s.service.real_servers, serverName).map((ns, k) => {
    const www = `www/${ns}`;
    const rs = forwardingOf(s).realServer(f, k + 1, s.service.port);
    const c = proto.server({ family: f, port: rs.port, ...(rs.bind ? { bind: rs.bind } : {}), www: inPlan(www) });
    const input = c.input === undefined ? undefined : inputPath(c.input, `${ns}.in`);
    return {
      ns,
      command: commandLine(c.argv, input),
      daemon: c.daemon,
      files: [
        // The server's name: `id`, and `id8`, padded to a fixed 8 bytes so
        // that a client can stop at it (UDP's readbytes).
        { path: `${www}/id`, text: `${ns}\n` },
        { path: `${www}/id8`, text: `${ns.padEnd(7)}\n` },
        ...(c.input ? [{ path: `${ns}.in`, text: c.input }] : []),
      ],
    };
  });
}
