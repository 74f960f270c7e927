// Pure: the run's values the agent's guest-time work reads, as shell
// variables (the plan's `env`, sourced by vm/agent.sh). Times after the
// agent's start are whole centiseconds, as the agent compares them with
// shell arithmetic (its cs()).
import type { Scenario } from '../../scenario/schema.ts';
import { ATTACKER_LINK } from './topology.ts';
import { ATTACKER } from './nodes.ts';
import { FLOOD_PCAP } from './paths.ts';
import { assignment, commandLine } from './shell.ts';

/** Seconds as whole centiseconds, the rest cut off (as the agent's cs() does: 12.345 -> 1234). */
export const centiseconds = (seconds: number) => Math.floor(Math.round(seconds * 1e6) / 1e4);

export function timingEnv(s: Scenario, o: { coverage: boolean }): string {
  // The flood's frames (made from the scenario and its seed) replayed on the
  // attacker's link. Its plan spaces them evenly (src/flood/plan.ts), so
  // tcpreplay paces them by rate (--pps): packet i is due at start + i/rate,
  // late ones go at once, and between packets the guest sleeps, which time
  // warp skips. (Replaying at the capture's own timestamps sleeps each gap
  // after the packet's processing: under TCG 200 SYN/s came out as 125; a
  // gettimeofday busy loop kept the rate but burnt wall time at guest speed.)
  // --stats=1: its progress every second, which the agent reports.
  const flood = ['tcpreplay', '--timer=nano', `--pps=${s.flood.rate}`, '--stats=1', `--intf1=${ATTACKER_LINK}a`, FLOOD_PCAP];
  const vars: [string, string | number][] = [
    ['NAME', s.name],
    ['DURATION_CS', centiseconds(s.duration)],
    ['CLIENT_START_CS', centiseconds(s.clients.start)],
    ['CLIENT_STOP_CS', centiseconds(s.clients.stop)],
    ['CLIENT_INTERVAL', s.clients.interval],
    ['FLOOD_START_CS', centiseconds(s.flood.start)],
    ['FLOOD_RATE', s.flood.rate],
    ['FLOOD_COUNT', s.flood.count],
    ['FLOOD_NS', ATTACKER],
    ['FLOOD_CMD', commandLine(flood)],
    ['TEARDOWN', s.teardown ? 1 : 0],
    ['SYNC', s.sync ? 1 : 0],
    ['COVERAGE', o.coverage ? 1 : 0],
  ];
  return vars.map(([k, v]) => assignment(k, v)).join('\n') + '\n';
}
