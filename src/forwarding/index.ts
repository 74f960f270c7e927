// The forwarding methods by the scenario's service.forwarding.
import type { Scenario } from '../scenario/schema.ts';
import type { ForwardingMethod } from './types.ts';
import { NAT } from './nat.ts';

export type Forwarding = Scenario['service']['forwarding'];

export const FORWARDING: Record<Forwarding, ForwardingMethod> = { nat: NAT };

export const forwardingOf = (s: Scenario): ForwardingMethod => FORWARDING[s.service.forwarding];
