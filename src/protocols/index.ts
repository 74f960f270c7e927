// The protocol modules by the scenario's service.protocol: a protocol is its
// module (./tcp.ts) and one line here. The scenario's schema takes its names
// from these keys (src/scenario/schema.ts), the model, the flood's pcap and the
// scenario checks their data from the modules.
import type { ProtoModel } from './types.ts';
import { TCP } from './tcp.ts';
import { UDP } from './udp.ts';
import { SCTP } from './sctp.ts';

export const PROTOCOLS = { tcp: TCP, udp: UDP, sctp: SCTP } satisfies Record<string, ProtoModel>;

/** A service's protocol: a key of the registry. */
export type Protocol = keyof typeof PROTOCOLS;
