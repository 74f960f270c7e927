// The forwarding methods by the scenario's service.forwarding: a method is its
// module (./nat.ts) and one line here. The scenario's schema takes its names
// from these keys (src/scenario/schema.ts), so nothing here imports the schema.
import type { ForwardingMethod } from './types.ts';
import { NAT } from './nat.ts';
import { DR } from './dr.ts';
import { TUN } from './tun.ts';

export const FORWARDING = { nat: NAT, dr: DR, tun: TUN } satisfies Record<string, ForwardingMethod>;

/** A service's forwarding method: a key of the registry. */
export type Forwarding = keyof typeof FORWARDING;

export const forwardingOf = (s: { service: { forwarding: Forwarding } }): ForwardingMethod => FORWARDING[s.service.forwarding];
