// The guest's fixed addresses, shared by the agent (through scenario.env), the
// flood's frames and the host's reading of the connection table.
import { parseIpv4 } from '../flood/addr.ts';

/** The virtual service, on the director's dummy0. */
export const VIP = '10.0.0.100';
/** The attacker's veth end and the director's: the flood's frames go from one to the other. */
export const ATTACKER_MAC = '02:00:0a:00:03:02';
export const DIRECTOR_MAC = '02:00:0a:00:03:01';

/** Legitimate client i (1-based) is 10.1.i.2 (vm/agent.sh setup_topology). */
export const clientAddress = (i: number) => parseIpv4(`10.1.${i}.2`)!;
