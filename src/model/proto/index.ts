// The protocol modules by the scenario's service.protocol.
import type { ProtoModel } from './types.ts';
import { TCP } from './tcp.ts';
import { UDP } from './udp.ts';

export const PROTOCOLS: Record<'tcp' | 'udp', ProtoModel> = { tcp: TCP, udp: UDP };
