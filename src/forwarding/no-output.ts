// Pure: what the director sees of DR's and TUN's flows: the client's half
// only. Their real servers are destinations without IP_VS_CONN_F_MASQ, so IPVS
// marks them IP_VS_CONN_F_NOOUTPUT (ip_vs_ctl.c __ip_vs_update_dest()): TCP
// and SCTP take their INPUT-ONLY rows (set_tcp_state(), set_sctp_state()); UDP
// has one table, but with no reply through the director udp_state_transition()
// never sees IP_VS_DIR_OUTPUT, so its templates are never assured.
import type { StateTable } from './types.ts';

/**
 * Whether the real servers answer the clients past the director: the same
 * fact as an 'input-only' state table (the director sees the client's half
 * only), so it is derived from it here, the one place.
 */
export const repliesBypassDirector = (m: { stateTable: StateTable }): boolean => m.stateTable === 'input-only';
