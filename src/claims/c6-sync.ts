// Pure: claim C6, carried by each variant's run: the sync daemon. Patch 1 lets
// a backup take a template's state from the master's sync messages
// (ip_vs_proc_sync_conn(), ip_vs_process_message_v0()) where it forced 0
// before: with the series the backup's copies of the clients' templates are
// ASSURED as the master's are; without it there is no ASSURED state on either
// side. The backup's table (scenario `sync: true`) is held key by key against
// the master's, both read at the end; whether the master's may be ASSURED at
// all is the model's (the ASSURED series at the end).
import type { ClaimContext, Judgement, RunClaimModule } from './types.ts';
import type { ModelParams } from '../model/params.ts';
import { clientOutcome } from '../model/client-outcome.ts';
import { inconclusive } from './separation.ts';
import { NO_CLIENT, assuredAtEnd, clientsNeverAssured } from './unassured-clients.ts';
import type { MasterTemplate, SyncReport } from '../record/sync.ts';

/** What the backup leaves after its last message lands (the master's sync thread flushes within 2 s, IPVS_SYNC_FLUSH_TIME), and a sample. */
const SYNC_MARGIN_S = 5;

/**
 * Why this scenario's master sends no client template in its final state, or
 * undefined where it does: ip_vs_sync_conn_v0() returns at once for a
 * one-packet connection, and an OPS template controls no connection when it
 * expires, so nothing syncs it; where the answer assures the template after
 * the request synced it, only its expiry while its connection lives
 * (expire_later) sends the ASSURED state, before the run ends or not.
 */
function syncUnshown(c: Pick<ClaimContext, 'scenario'> & { params: ModelParams }): string | undefined {
  const s = c.scenario;
  if (s.service.ops && s.sysctl.sync_version === 0) {
    return 'sync_version 0 with one-packet scheduling: ip_vs_sync_conn_v0() returns before a one-packet connection and its template (ip_vs_sync.c: "Do not sync ONE PACKET"), and an OPS template controls no connection when it expires, so ip_vs_conn_expire() never syncs it either: the master sends the backup no client template';
  }
  // v0 sends a template only after a connection it controls (the control step
  // at the end of ip_vs_sync_conn_v0()), and sends a UDP connection only at its
  // sync threshold's packet (ip_vs_sync_conn_needed(): pkts % sync_period ==
  // sync_threshold, the 3rd of 50 by default; UDP has no state change to
  // force one); a client's request is one datagram on a fresh port.
  if (c.params.protocol === 'udp' && s.sysctl.sync_version === 0) {
    return "sync_version 0 with UDP: ip_vs_sync_conn_v0() sends a template only after a connection it controls, and a UDP connection only at its sync threshold's packet (ip_vs_sync_conn_needed(): pkts % sync_period == sync_threshold, the 3rd by default), which a client's one-datagram request never reaches: the master sends the backup a client's template only if a scan expires it while it controls a connection (ip_vs_conn_expire()'s expire_later), so the backup may hold none";
  }
  // The master's sync thread sends a part-filled buffer once it is 2 s old
  // (sync_thread_master(): get_curr_sync_buff(IPVS_SYNC_FLUSH_TIME), looked
  // at every IPVS_SYNC_CHECK_PERIOD): a client's sync needs that long to land.
  if (s.clients.stop + SYNC_MARGIN_S > s.duration) {
    return `the clients ask until ${s.clients.stop} s of a ${s.duration} s run: the master sends a part-filled sync buffer once it is 2 s old (sync_thread_master(), IPVS_SYNC_FLUSH_TIME), so the last clients' templates may not have reached the backup when it is read; end the clients ${SYNC_MARGIN_S} s before the run`;
  }
  const o = clientOutcome(c.params);
  if (o.assuredAfterSync === undefined) return undefined;
  const p = s.service.persistence;
  const lastSync = s.clients.stop + p + SYNC_MARGIN_S;
  if (p < o.timeoutS && lastSync <= s.duration) return undefined;
  const when = p >= o.timeoutS ? `the persistence timeout (${p} s) outlasts the connection (${o.timeoutS} s), so the template expires unsynced` : `the last request at up to ${s.clients.stop} s plus the persistence timeout (${p} s) and ${SYNC_MARGIN_S} s for the message is past the run's end (${s.duration} s)`;
  return `${o.assuredAfterSync}; here ${when}`;
}

/** sync_thread_master() sends a part-filled buffer once it is IPVS_SYNC_FLUSH_TIME (2 s) old, looking every IPVS_SYNC_CHECK_PERIOD (1 s): the longest a message waits on the master. */
export const SYNC_LAG_S = 3;
/** The sync threads' own wake-ups and the backup's processing, which a TCG guest may delay: a second more. */
const SLACK_S = 1;
/** ip_vs_conn_expire(): a template whose timer fires while it controls a connection is kept 60 s more (expire_later) and sent again. */
const EXPIRE_LATER_S = 60;
/** ip_vs_proc_conn(): a template that comes with no timeout (every v0 message, ip_vs_process_message_v0()) lives 3*60 s on the backup. */
const V0_TEMPLATE_S = 180;

/**
 * Whether the backup may lack this template's copy when read, through no
 * fault of either side (undefined: it may not). Where the master's timer fired
 * while the template controlled a connection, ip_vs_conn_expire() sends it
 * again (expire_later) just as the backup's copy runs out (ip_vs_proc_conn()
 * timed it by the timeout sent before), and the message waits up to
 * SYNC_LAG_S on the master: a template shown with 60 - 1 - SYNC_LAG_S -
 * SLACK_S s left or more, up to 60, may be one (/proc rounds the seconds
 * down); so may one whose timer fires between the master's read and the
 * backup's. Under v0 a copy lives 180 s from its last message whatever the
 * persistence: a template refreshed longer ago than that may be gone.
 */
export function inResend(m: MasterTemplate, readGapS: number, v0Persistence?: number): boolean {
  if (m.expires < readGapS + SLACK_S) return true;
  if (m.expires >= EXPIRE_LATER_S - 1 - SYNC_LAG_S - SLACK_S && m.expires <= EXPIRE_LATER_S) return true;
  return v0Persistence !== undefined && v0Persistence > V0_TEMPLATE_S && m.expires <= v0Persistence - V0_TEMPLATE_S + SYNC_LAG_S + SLACK_S + readGapS;
}

/** Why no client's template of the master can be held against the backup, or undefined. */
function nothingSteady(b: SyncReport, steady: MasterTemplate[]): string | undefined {
  if (b.master.length === 0) return "the master holds none of the clients' templates when read at the end (ip_vs_conn_expire() frees a template whose timeout runs out while it controls no connection, and the defense may drop one): nothing is left for the backup to hold";
  if (steady.length > 0) return undefined;
  return `all ${b.master.length} of the clients' templates the master holds were sent again within ${SYNC_LAG_S + SLACK_S} s of the backup's read, their timers fire in between, or (sync v0) their last message is older than the ${V0_TEMPLATE_S} s a v0 copy lives: ip_vs_conn_expire() sends a template it keeps for a connection (expire_later, ${EXPIRE_LATER_S} s) just as the backup's copy runs out (ip_vs_proc_conn() times it by the timeout sent before), and sync_thread_master() sends a part-filled buffer once it is 2 s old, looking every second: the backup may be between the two; end the clients earlier or later`;
}

/** The model's ASSURED templates at the end of its runs, least and most. */
const assuredRange = (c: ClaimContext) => {
  const vals = assuredAtEnd(c.model);
  return { lo: Math.min(...vals), hi: Math.max(...vals) };
};

/** The master's ASSURED expectation, by its model, against what either side shows (after the key-by-key check). */
function judgeAssured(c: ClaimContext, b: SyncReport, said: string, numbers: Record<string, number>): Judgement {
  const { lo, hi } = assuredRange(c);
  if (lo === 0 && hi > 0) return inconclusive(`${said}; the ${c.modelVariant} model's runs end with 0..${hi} ASSURED templates: no one state to expect of the master`, numbers);
  if (lo === 0) return { outcome: 'pass', reason: `${said}: no ASSURED state, as the ${c.modelVariant} model has none`, numbers };
  const range = lo === hi ? `${lo}` : `${lo}..${hi}`;
  // Both printers read the state name table (ip_vs_ctpl_state_name()): a
  // master and a backup alike showing none ASSURED left the model.
  const ok = (b.clientTemplatesByState.ASSURED ?? 0) > 0 || b.master.some((m) => m.state === 'ASSURED');
  return { outcome: ok ? 'pass' : 'fail', reason: ok ? `${said}, as the master holds them (the ${c.modelVariant} model: ${range} ASSURED)` : `${said}; neither side shows one ASSURED, where the master marks ${range} (the ${c.modelVariant} model)`, numbers };
}

/**
 * The backup's copies of the steady templates, key by key: a FAIL, or
 * undefined where each is there in the master's state. A state the master
 * set after its last message is not a fault, and none is left here: TCP
 * assures on the inbound packet that is then synced (ip_vs_set_state() before
 * ip_vs_sync_conn() in ip_vs_in_hook()); UDP and SCTP over NAT assure on an
 * outbound packet, which syncs nothing, so the next inbound one carries it
 * (socat's SCTP client sends its data after the COOKIE ACK), or for a
 * one-datagram UDP client only expire_later, which syncUnshown() waits for.
 */
function judgeKeys(b: SyncReport, steady: MasterTemplate[], said: string, numbers: Record<string, number>): Judgement | undefined {
  const missing = steady.filter((m) => b.backupByKey[m.key] === undefined);
  if (missing.length > 0) {
    return { outcome: 'fail', reason: `the backup holds ${missing.length === steady.length ? 'none' : `${steady.length - missing.length}`} of the ${steady.length} clients' templates the master holds and sent in time (${b.templates} templates, ${b.entries} entries in all on the backup): the sync daemon did not carry them`, numbers };
  }
  const differ = steady.filter((m) => b.backupByKey[m.key] !== m.state);
  if (differ.length === 0) return undefined;
  const e = differ[0]!;
  return { outcome: 'fail', reason: `${said}; ${differ.length} of them not in the master's state (${e.key}: ${e.state} on the master, ${b.backupByKey[e.key]} on the backup): the state did not survive the sync`, numbers };
}

function judge(c: ClaimContext): Judgement {
  const b = c.summary.sync;
  if (!b) return inconclusive('the guest made no report of the backup');
  if (c.summary.clients === 0) return inconclusive(NO_CLIENT);
  const held = Object.values(b.clientTemplatesByState).reduce((x, y) => x + y, 0);
  const s = c.scenario;
  const v0 = s.sysctl.sync_version === 0 ? s.service.persistence : undefined;
  const steady = b.master.filter((m) => !inResend(m, b.readGapS, v0));
  const numbers = { backupEntries: b.entries, backupTemplates: b.templates, clientTemplates: held, assured: b.clientTemplatesByState.ASSURED ?? 0, masterClientTemplates: b.master.length, steady: steady.length };
  const states = Object.entries(b.clientTemplatesByState).map(([k, n]) => `${n} ${k}`).join(', ');
  const said = `the backup holds ${held} of the clients' templates${held > 0 ? `: ${states}` : ''}`;
  // Where the model has no ASSURED state at all, an ASSURED copy fails
  // whatever the master holds now.
  const { hi } = assuredRange(c);
  if (hi === 0 && numbers.assured > 0) return { outcome: 'fail', reason: `${said}; the ${c.modelVariant} model has no ASSURED state`, numbers };
  const why = nothingSteady(b, steady);
  if (why) return inconclusive(why, numbers);
  return judgeKeys(b, steady, said, numbers) ?? judgeAssured(c, b, `${said}, ${steady.length} in the master's state`, numbers);
}

/**
 * Where the series assures no client's template on the master (`why`), the
 * backup cannot hold one ASSURED either (a v1 sync message carries the
 * template's state as the master has it, ip_vs_sync_conn()): judged as
 * anywhere else, whose PASS there (nothing ASSURED, as the model) is NOT
 * DELIVERED; a backup that holds an ASSURED template, or none of the clients',
 * still FAILs.
 */
function judgeUndelivered(c: ClaimContext, why: string): Judgement {
  const j = judge(c);
  return j.outcome === 'pass' ? { ...j, outcome: 'not-delivered', reason: `${why}. ${j.reason}` } : j;
}

export const C6: RunClaimModule = {
  id: 'C6',
  carriedBy: 'each-run',
  title: () => "the sync daemon's backup holds the clients' templates in the master's state (ASSURED with the series)",
  appliesTo: (s, m) => (s.sync ? syncUnshown({ scenario: s, params: m.own }) ?? true : 'the scenario runs no sync daemon; sync: true adds a backup director fed by one'),
  // Patched's run, where its model assures no client's template (UDP over DR,
  // TUN); base's claim (no ASSURED state anywhere) holds there as elsewhere.
  undelivered: { where: (_s, models) => clientsNeverAssured(models.own), judge: judgeUndelivered },
  judge,
};
