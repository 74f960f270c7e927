// Pure: scenario `sync: true`: a backup director on a link of its own, with
// the VIP, fed by IPVS's sync daemon (multicast 224.0.0.81 on that link).
// The backup takes what the master sends (ip_vs_process_message()); its own
// defense stays off (drop_entry 0), so it keeps what it got.
import type { Family } from '../../scenario/family.ts';
import { hostAddress } from '../../scenario/topology.ts';
import { namespace, veth } from './links.ts';
import { BACKUP, DIRECTOR } from './nodes.ts';
import type { IpCommand } from './types.ts';
import { vipOn } from './vip.ts';

/** The sync link: vsynca on the director, vsyncb on the backup (network 9). */
const LINK = 'vsync';
const SYNC_ID = 7;

/**
 * The sync link is IPv4 whatever the service's family: the daemons use their
 * default group, IPv4's 224.0.0.81 (start_sync_thread(): mcast_af AF_UNSPEC
 * becomes AF_INET), and the master's socket takes the link's IPv4 address or
 * fails to start ("You probably need to specify IP address on multicast
 * interface", bind_mcastif_addr(), ip_vs_sync.c:1455 in linux 6.1.192). An
 * IPv6 service's entries travel in it all the same: a v1 message carries them
 * (ip_vs_sync_conn(): STYPE_F_INET6). The VIP on the backup is the service's.
 */
export const syncTopology = (f: Family): IpCommand[] => [
  ...namespace(BACKUP),
  ...veth('ipv4', LINK, { ns: DIRECTOR, addr: hostAddress('ipv4', 9, 0, 1) }, { ns: BACKUP, addr: hostAddress('ipv4', 9, 0, 2) }),
  ...vipOn(f, BACKUP),
];

/** The daemons, master first, by namespace. */
export const syncDaemons = (): { ns: string; argv: string[] }[] => [
  { ns: DIRECTOR, argv: ['ipvsadm', '--start-daemon', 'master', '--mcast-interface', `${LINK}a`, '--syncid', String(SYNC_ID)] },
  { ns: BACKUP, argv: ['ipvsadm', '--start-daemon', 'backup', '--mcast-interface', `${LINK}b`, '--syncid', String(SYNC_ID)] },
];
