// The protocol modules by the scenario's service.protocol.
import type { ProtoModel } from './types.ts';
import { TCP } from './tcp.ts';
import { UDP } from './udp.ts';
import { SCTP } from './sctp.ts';
import type { Protocol } from '../scenario/schema.ts';

export const PROTOCOLS: Record<Protocol, ProtoModel> = { tcp: TCP, udp: UDP, sctp: SCTP };
