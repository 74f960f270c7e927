// C6, judged through the verdict's loop (src/claims/judge-claims.ts): its scenario condition is C6's own appliesTo.
import t from 'tap';
import { C6 } from '../../src/claims/c6-sync.ts';
import { judgeClaims } from '../../src/claims/judge-claims.ts';
import type { ClaimContext, JudgedRun, RunModels } from '../../src/claims/types.ts';
import { defaultParams, type ModelParams, type Variant } from '../../src/model/params.ts';
import { UDP_NOT_ASSURED } from '../../src/protocols/udp.ts';
import type { MonteCarlo } from '../../src/model/monte-carlo.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import type { VariantSummary } from '../../src/observe/summary.ts';
import type { MasterTemplate, SyncReport } from '../../src/record/sync.ts';

/** A model whose runs end with these ASSURED counts (patched: the clients', base: none). */
const modelEnding = (assured: number[]): MonteCarlo =>
  ({ t: Float64Array.of(1, 2), runs: assured.length, values: { assured: Int32Array.from(assured.flatMap((a) => [0, a])) } }) as unknown as MonteCarlo;
/** Templates keyed 10.1.N.2 in order, N from 0, in these states. */
const keyed = (byState: Record<string, number>) => Object.entries(byState).flatMap(([s, n]) => Array<string>(n).fill(s)).map((state, i) => ({ key: `10.1.${i}.2`, state }));
/** The master's clients' templates: these states, `expires` s left each (30: no resend near the read). */
const masterOf = (byState: Record<string, number>, expires = 30): MasterTemplate[] => keyed(byState).map((k) => ({ ...k, expires }));
/** The backup's report: its clients' templates by state; the master's the same (30 s left) unless given. */
const report = (byState: Record<string, number>, master: MasterTemplate[] = masterOf(byState), readGapS = 0.5): SyncReport => ({
  entries: 900,
  templates: 160,
  clientTemplatesByState: byState,
  backupByKey: Object.fromEntries(keyed(byState).map((k) => [k.key, k.state])),
  master,
  readGapS,
});
/** A scenario's fields C6 reads: a TCP-like service kept 300 s, clients until 10 s of a 60 s run. */
const scen = (sync: boolean | undefined, over: { persistence?: number; ops?: boolean; sync_version?: 0 | 1; stop?: number } = {}) =>
  ({ sync, duration: 60, service: { persistence: over.persistence ?? 300, ops: over.ops }, sysctl: { sync_version: over.sync_version }, clients: { stop: over.stop ?? 10 } }) as unknown as Scenario;
const ctx = (sync: boolean | undefined, model: MonteCarlo, r?: SyncReport, clients = 2, s: Scenario = scen(sync)): ClaimContext =>
  ({ scenario: s, summary: { clients, ...(r ? { sync: r } : {}) } as VariantSummary, model, modelVariant: 'patched' }) as ClaimContext;
/** The models' parameters of variant v's run: a TCP service over NAT, or `over` (e.g. UDP over DR: stateTable 'input-only'). */
const paramsOf = (v: Variant, over: Partial<ModelParams> = {}): RunModels => ({ own: { ...defaultParams(v), ...over }, other: { ...defaultParams(v === 'base' ? 'patched' : 'base'), ...over } });
/** C6 through the verdict's loop, on variant v's run. */
const claimC6 = (v: Variant, over: Partial<ModelParams> = {}) => (c: ClaimContext) => {
  const claims = judgeClaims([C6], { scenario: c.scenario, runs: { [v]: { ...c, modelVariant: v, checks: [], params: paramsOf(v, over) } as unknown as JudgedRun } });
  t.equal(claims.length, 1);
  return claims[0]!;
};

t.test("C6: the backup's copies key by key in the master's state: ASSURED where the model assures, none where it does not", async (t) => {
  const patched = modelEnding([2, 2, 2]);
  const base = modelEnding([0, 0, 0]);
  const ok = claimC6('patched')(ctx(true, patched, report({ ASSURED: 2 })));
  t.equal(ok.outcome, 'pass', ok.reason);
  t.match(ok.reason, /the backup holds 2 of the clients' templates: 2 ASSURED, 2 in the master's state, as the master holds them \(the patched model: 2 ASSURED\)/);
  const forced = claimC6('patched')(ctx(true, patched, report({ NONE: 2 }, masterOf({ ASSURED: 2 }))));
  t.equal(forced.outcome, 'fail', 'a sync that forces the state to 0 (base, or a bad port of the hunk)');
  t.match(forced.reason, /2 of them not in the master's state \(10\.1\.0\.2: ASSURED on the master, NONE on the backup\): the state did not survive the sync/);
  const printer = claimC6('patched')(ctx(true, patched, report({ NONE: 2 })));
  t.equal(printer.outcome, 'fail', 'both sides NONE where the model assures: a state the printers hide (ip_vs_ctpl_state_name())');
  t.match(printer.reason, /neither side shows one ASSURED, where the master marks 2 \(the patched model\)/);
  t.equal(claimC6('base')(ctx(true, base, report({ NONE: 2 }))).outcome, 'pass', 'base: NONE, as its model has no ASSURED state');
  t.equal(claimC6('base')(ctx(true, base, report({ ASSURED: 1, NONE: 1 }))).outcome, 'fail', 'base: an ASSURED copy, even one in the master\'s state');
  const none = claimC6('patched')(ctx(true, patched, report({}, masterOf({ ASSURED: 2 }))));
  t.equal(none.outcome, 'fail', 'nothing synced');
  t.match(none.reason, /the backup holds none of the 2 clients' templates the master holds and sent in time .*: the sync daemon did not carry them/);
  const one = claimC6('patched')(ctx(true, patched, report({ ASSURED: 1 }, masterOf({ ASSURED: 2 }))));
  t.equal(one.outcome, 'fail', 'one of two lost');
  t.match(one.reason, /the backup holds 1 of the 2 clients' templates/);
  const extra = claimC6('patched')(ctx(true, patched, report({ ASSURED: 2 }, masterOf({ ASSURED: 1 }))));
  t.equal(extra.outcome, 'pass', "a copy the master has already freed (the backup's runs its own timeout out) is no fault");
});

t.test("C6: a template the master sends again as the backup's copy runs out is not held against the backup (fuzz seed 6121 case 76 on 6.12)", async (t) => {
  // By hand: expire_later sets 60 s, so a template shown with 55..60 s left was
  // sent again 0..4 s before the master's read (/proc rounds down): within
  // SYNC_LAG_S (2 s flush + 1 s look) and a second's slack, the backup's copy
  // may be between the two.
  const patched = modelEnding([0, 0]);
  for (const expires of [55, 56, 57, 58, 59, 60]) {
    const c = claimC6('patched')(ctx(true, patched, report({}, masterOf({ NONE: 8 }, expires))));
    t.equal(c.outcome, 'inconclusive', `${expires} s left: ${c.reason}`);
    t.match(c.reason, /all 8 of the clients' templates the master holds were sent again within 4 s of the backup's read.*expire_later/);
  }
  // 54 s left: sent at least 5 s before the read: held against the backup.
  t.equal(claimC6('patched')(ctx(true, patched, report({}, masterOf({ NONE: 8 }, 54)))).outcome, 'fail');
  // Over 60 s left (a persistence over 60 s, refreshed by a request): no resend near.
  t.equal(claimC6('patched')(ctx(true, patched, report({}, masterOf({ NONE: 8 }, 61)))).outcome, 'fail');
  // Its timer fires between the master's read and the backup's, 1.5 s apart (and a second's slack): under 2.5 s left may, 3 s may not.
  t.equal(claimC6('patched')(ctx(true, patched, report({}, masterOf({ NONE: 8 }, 2), 1.5))).outcome, 'inconclusive');
  t.equal(claimC6('patched')(ctx(true, patched, report({}, masterOf({ NONE: 8 }, 3), 1.5))).outcome, 'fail');
  // Some in the window, some not: only the others are held against the backup.
  const mixed = [...masterOf({ NONE: 1 }, 58), { key: '10.1.9.2', state: 'NONE', expires: 20 }];
  t.equal(claimC6('patched')(ctx(true, patched, report({}, mixed))).outcome, 'fail', 'the steady one is missing');
  const kept = claimC6('patched')(ctx(true, patched, { ...report({}, mixed), backupByKey: { '10.1.9.2': 'NONE' }, clientTemplatesByState: { NONE: 1 } }));
  t.equal(kept.outcome, 'pass', kept.reason);
  t.match(kept.reason, /1 in the master's state/);
});

t.test('C6 under sync v0: a copy lives 180 s from its last message (ip_vs_proc_conn() with no timeout), so a template refreshed longer ago is not held against the backup', async (t) => {
  // By hand: persistence 300 s; a template shown with E s left was refreshed 300 - E s ago. Its v0
  // copy lives 180 s: gone when 300 - E >= 180 - 3 - 1 - 0.5 (lag, slack, read gap), i.e. E <= 124.5.
  const base = modelEnding([0, 0]);
  const v0 = (expires: number) => claimC6('base')(ctx(true, base, report({}, masterOf({ NONE: 2 }, expires)), 2, scen(true, { sync_version: 0, persistence: 300 })));
  t.equal(v0(124).outcome, 'inconclusive', v0(124).reason);
  t.match(v0(124).reason, /\(sync v0\) their last message is older than the 180 s a v0 copy lives/);
  t.equal(v0(125).outcome, 'fail', 'refreshed 175 s ago: the copy is still there');
  // The same template under v1 (each message carries its timeout): held against the backup.
  t.equal(claimC6('base')(ctx(true, base, report({}, masterOf({ NONE: 2 }, 124)), 2, scen(true, { sync_version: 1, persistence: 300 }))).outcome, 'fail');
  // Persistence up to 180 s: a v0 copy outlives the master's.
  t.equal(claimC6('base')(ctx(true, base, report({}, masterOf({ NONE: 2 }, 5)), 2, scen(true, { sync_version: 0, persistence: 180 }))).outcome, 'fail');
});

t.test('C6: the key-by-key check does not wait on the model; an ASSURED copy where the model has none fails whatever the master holds', async (t) => {
  // The model's runs end with 0..2 ASSURED: no one state to expect, but a lost or re-stated copy is still a FAIL.
  const spread = modelEnding([0, 2]);
  t.equal(claimC6('patched')(ctx(true, spread, report({}, masterOf({ ASSURED: 2 })))).outcome, 'fail', 'none carried');
  t.equal(claimC6('patched')(ctx(true, spread, report({ NONE: 2 }, masterOf({ ASSURED: 2 })))).outcome, 'fail', 'state forced to 0');
  const same = claimC6('patched')(ctx(true, spread, report({ ASSURED: 2 })));
  t.equal(same.outcome, 'inconclusive', same.reason);
  t.match(same.reason, /2 in the master's state; the patched model's runs end with 0\.\.2 ASSURED templates: no one state to expect of the master/);
  // Base (no ASSURED state in its model): an ASSURED copy fails even when the master holds none any more.
  const gone = claimC6('base')(ctx(true, modelEnding([0, 0]), report({ ASSURED: 1 }, [])));
  t.equal(gone.outcome, 'fail', gone.reason);
  t.match(gone.reason, /the base model has no ASSURED state/);
  // Base UDP templates print their protocol's state 0 name, "UDP" (udp_state_name_table), on both sides.
  t.equal(claimC6('base', { protocol: 'udp', stateTable: 'input-only' })(ctx(true, modelEnding([0, 0]), report({ UDP: 3 }), 3)).outcome, 'pass');
});

t.test("C6: INCONCLUSIVE where the master itself holds none of the clients' templates at the end (fuzz seed 6121 case 83 on 6.12)", async (t) => {
  // One-packet UDP, persistence 102 s, clients until 47 s of 157: the OPS
  // template controls no connection, so its timer frees it at about 149 s.
  const c = claimC6('patched', { protocol: 'udp', ops: true, stateTable: 'input-only' })(ctx(true, modelEnding([0, 0]), report({}, []), 21, scen(true, { ops: true, persistence: 102, stop: 47 })));
  t.equal(c.outcome, 'inconclusive', c.reason);
  t.match(c.reason, /^the master holds none of the clients' templates when read at the end/);
});

t.test('C6: INCONCLUSIVE where the scenario cannot show it, with why', async (t) => {
  const m = modelEnding([2, 2]);
  const cases: [ClaimContext, RegExp][] = [
    [ctx(undefined, m), /sync: true adds a backup/],
    [ctx(true, m), /no report of the backup/],
    [ctx(true, m, report({ ASSURED: 2 }), 0), /no client completed a handshake/],
    [ctx(true, modelEnding([0, 2]), report({ ASSURED: 2 })), /no one state to expect/],
  ];
  for (const [c, why] of cases) {
    const claim = claimC6('base')(c);
    t.equal(claim.outcome, 'inconclusive', claim.reason);
    t.match(claim.reason, why);
  }
});

t.test('C6 is carried by each run, under its variant', async (t) => {
  const c = ctx(true, modelEnding([0, 0]), report({ NONE: 2 }));
  const runs = { base: { ...c, checks: [], params: paramsOf('base') } as unknown as JudgedRun, patched: { ...c, checks: [], params: paramsOf('patched') } as unknown as JudgedRun };
  const claims = judgeClaims([C6], { scenario: c.scenario, runs });
  t.same(claims.map((x) => [x.id, x.variant]), [['C6', 'base'], ['C6', 'patched']]);
});

t.test("C6 over UDP with an input-only method (DR, TUN): patched's NOT DELIVERED where the backup holds the clients' templates unassured, as the master's", async (t) => {
  // The input-only UDP model never assures: its runs end with 0 ASSURED.
  const m = modelEnding([0, 0, 0]);
  const dr = { protocol: 'udp', stateTable: 'input-only' } as const;
  const nd = claimC6('patched', dr)(ctx(true, m, report({ NONE: 2 })));
  t.equal(nd.outcome, 'not-delivered', nd.reason);
  t.equal(nd.undelivered, UDP_NOT_ASSURED, 'the kernel function, apart');
  t.equal(nd.reason, `${UDP_NOT_ASSURED}. the backup holds 2 of the clients' templates: 2 NONE, 2 in the master's state: no ASSURED state, as the patched model has none`);
  const assured = claimC6('patched', dr)(ctx(true, m, report({ ASSURED: 1, NONE: 1 }, masterOf({ NONE: 2 }))));
  t.equal(assured.outcome, 'fail', 'an ASSURED copy where the master can have none: the kernel left its model');
  t.equal(assured.undelivered, undefined);
  t.equal(claimC6('patched', dr)(ctx(true, m, report({}, masterOf({ NONE: 2 })))).outcome, 'fail', 'nothing synced is still a failure');
  t.equal(claimC6('base', dr)(ctx(true, m, report({ NONE: 2 }))).outcome, 'pass', "base's claim (no ASSURED state) holds under any method");
  t.equal(claimC6('patched', dr)(ctx(undefined, m)).outcome, 'inconclusive', 'no sync daemon: the scenario cannot show it, said first');
  t.equal(claimC6('patched', { ...dr, stateTable: 'both' })(ctx(true, modelEnding([2, 2]), report({ ASSURED: 2 }), 2, scen(true, { persistence: 10 }))).outcome, 'pass', 'UDP over NAT: delivered (the expiry at 10 + 10 s resyncs it ASSURED)');
});

t.test('C6 holds each copy to the master\'s state: unanswered clients\' templates stay NONE on both, the answered one ASSURED', async (t) => {
  // 20 clients, 1 answered (UDP over NAT): the model's master ends with 1 ASSURED
  // template (sim-state.ts assures an answered exchange only), the rest NONE.
  const one = modelEnding([1, 1, 1]);
  const udp = { protocol: 'udp' as const };
  const s = scen(true, { persistence: 10, stop: 40 }); // 40 + 10 + 5 <= 60: the expiry syncs ASSURED in time
  const ok = claimC6('patched', udp)(ctx(true, one, report({ NONE: 19, ASSURED: 1 }), 20, s));
  t.equal(ok.outcome, 'pass', ok.reason);
  t.match(ok.reason, /19 NONE, 1 ASSURED, 20 in the master's state, as the master holds them \(the patched model: 1 ASSURED\)/);
  const lost = claimC6('patched', udp)(ctx(true, one, report({ NONE: 20 }, masterOf({ ASSURED: 1, NONE: 19 })), 20, s));
  t.equal(lost.outcome, 'fail', 'the one ASSURED template arrived NONE');
  t.match(lost.reason, /1 of them not in the master's state \(10\.1\.0\.2: ASSURED on the master, NONE on the backup\)/);
  t.equal(claimC6('patched', udp)(ctx(true, one, report({ ASSURED: 2, NONE: 18 }, masterOf({ ASSURED: 1, NONE: 19 })), 20, s)).outcome, 'fail', 'an ASSURED copy of a template the master holds NONE');
});

t.test('C6: INCONCLUSIVE where the master sends no final state in the run, naming the kernel function', async (t) => {
  const m = modelEnding([2, 2]);
  const udp = { protocol: 'udp' as const };
  // UDP over NAT: the answer assures after the request's sync; only the expiry
  // (expire_later) resyncs, at 10 + 300 s: after the run's 60 s.
  const late = claimC6('patched', udp)(ctx(true, m, report({ NONE: 2 }), 2, scen(true, { persistence: 300 })));
  t.equal(late.outcome, 'inconclusive', late.reason);
  t.match(late.reason, /handle_response\(\), which syncs nothing/);
  t.match(late.reason, /the persistence timeout \(300 s\) outlasts the connection \(300 s\)/);
  const past = claimC6('base', udp)(ctx(true, modelEnding([0, 0]), report({}), 2, scen(true, { persistence: 50, stop: 10 })));
  t.equal(past.outcome, 'inconclusive', '10 + 50 + 5 > 60: base too (v0 sends a one-datagram connection\'s template only then)');
  t.match(past.reason, /past the run's end \(60 s\)/);
  // One-packet scheduling under sync v0: ip_vs_sync_conn_v0() returns first.
  const ops = claimC6('patched', { ...udp, ops: true })(ctx(true, m, report({}), 2, scen(true, { ops: true, sync_version: 0, persistence: 10 })));
  t.equal(ops.outcome, 'inconclusive', ops.reason);
  t.match(ops.reason, /Do not sync ONE PACKET/);
  // UDP under sync v0 (over DR here, fuzz seed 612 case 47 on 6.12: patched's backup held none):
  // a one-datagram connection never reaches the sync threshold's 3rd packet, and
  // v0 sends a template only after its connection.
  const v0 = claimC6('patched', { ...udp, stateTable: 'input-only' })(ctx(true, modelEnding([0, 0]), report({}), 2, scen(true, { sync_version: 0, persistence: 10 })));
  t.equal(v0.outcome, 'inconclusive', v0.reason);
  t.match(v0.reason, /^sync_version 0 with UDP: ip_vs_sync_conn_v0\(\) sends a template only after a connection it controls/);
  // The same with v1 (its control step sends the template on every packet): judged, and none held is a FAIL.
  t.equal(claimC6('patched', { ...udp, stateTable: 'input-only' })(ctx(true, modelEnding([0, 0]), report({}, masterOf({ NONE: 2 })), 2, scen(true, { sync_version: 1, persistence: 10 }))).outcome, 'fail');
  // TCP over NAT: the client's ACK assures and syncs in one packet: judged.
  t.equal(claimC6('patched')(ctx(true, m, report({ ASSURED: 2 }), 2, scen(true, { persistence: 300 }))).outcome, 'pass');
});

t.test('C6: INCONCLUSIVE where the last clients ask within the sync flush time of the end', async (t) => {
  // Clients until 58 s of a 60 s run: 58 + 5 > 60 (a part-filled buffer waits up to 2 s, checked each 1 s, and a sample).
  const late = claimC6('patched')(ctx(true, modelEnding([2, 2]), report({}), 2, scen(true, { stop: 58 })));
  t.equal(late.outcome, 'inconclusive', late.reason);
  t.match(late.reason, /IPVS_SYNC_FLUSH_TIME/);
  // 55 + 5 = 60: judged.
  t.equal(claimC6('patched')(ctx(true, modelEnding([2, 2]), report({ ASSURED: 2 }), 2, scen(true, { stop: 55 }))).outcome, 'pass');
});
