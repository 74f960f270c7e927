// Pure: the state tables DR's and TUN's connections follow. Their real
// servers are destinations without IP_VS_CONN_F_MASQ, so IPVS marks them
// IP_VS_CONN_F_NOOUTPUT (ip_vs_ctl.c __ip_vs_update_dest()): TCP and SCTP then
// take their INPUT-ONLY rows (set_tcp_state(), set_sctp_state()); UDP has one
// table either way (udp_state_transition()).
import type { Protocol } from '../protocols/index.ts';
import type { StateTable } from './types.ts';

export const inputOnlyUnlessUdp = (p: Protocol): StateTable => (p === 'udp' ? 'both' : 'input-only');
