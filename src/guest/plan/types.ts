// Pure: the pieces the guest's plan is made of, shared by its planners and by
// the forwarding methods that contribute to the topology (src/forwarding/).

/** The initial network namespace's name in a plan ("ip" without -n). */
export const INIT_NS = '-';

/** One `ip` command (without "ip"), in a namespace; run in the order given. */
export interface IpCommand {
  ns: string;
  line: string;
}

/** One sysctl of a namespace, as `sysctl -w` takes it. */
export interface Sysctl {
  ns: string;
  key: string;
  value: string | number;
}

/** A file of the plan: its path under the guest's plan directory, and its text. */
export interface PlanFile {
  path: string;
  text: string;
}
