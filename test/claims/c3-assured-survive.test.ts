// C3 on hand-made models: the patched model's runs end with one ASSURED template, base's with none.
import t from 'tap';
import { summary, fakeMc, measured, scenario, ctx, runsOf } from '../../test-support/claim-context.ts';
import { C3 } from '../../src/claims/c3-assured-survive.ts';
import type { JudgedRun, RunModels } from '../../src/claims/types.ts';
import { judgeClaims } from '../../src/claims/judge-claims.ts';
import { defaultParams, type ModelParams, type Variant } from '../../src/model/params.ts';
import { UDP_NOT_ASSURED } from '../../src/protocols/udp.ts';
import type { VariantSummary } from '../../src/observe/summary.ts';



t.test("C3: clients' templates by their masked address; judged where the models separate", async (t) => {
  const tt = [1, 2];
  const patched = fakeMc(tt, { assured: runsOf(2, () => 1) });
  const base = fakeMc(tt, { assured: runsOf(2, () => 0) });
  const m = measured(2, () => 0);
  const c3 = (s: Partial<VariantSummary>, model = patched, other = base) => C3.judge({ ...ctx(m, model, other), modelVariant: 'patched', summary: summary(s) });
  t.equal(c3({ clients: 2, clientsAssured: 2, clientsKeptServer: 2, finalClientTemplates: 2 }).outcome, 'pass');
  const shared = c3({ clients: 2, clientsAssured: 2, clientsKeptServer: 2, finalClientTemplates: 1 });
  t.equal(shared.outcome, 'pass');
  t.match(shared.reason, /2 of 2 clients' templates are ASSURED at the end \(2 clients share 1 template under the netmask\)/);
  t.equal(c3({ clients: 2, clientsAssured: 2, clientsKeptServer: 1 }).outcome, 'fail');
  t.equal(c3({ clients: 2, clientsAssured: 1, clientsKeptServer: 2 }).outcome, 'fail');
  t.equal(c3({ clients: 2, clientsAssured: 2, clientsKeptServer: 2 }, base, patched).outcome, 'fail', 'against the base model: ASSURED is wrong');
  t.equal(c3({}).outcome, 'inconclusive');
  t.equal(c3({ clients: 2, clientsAssured: 0, clientsKeptServer: 2 }, base, base).outcome, 'inconclusive');
});

t.test("C3: /proc/net/ip_vs_conn_sync printing a template's state otherwise than /proc/net/ip_vs_conn is a FAIL", async (t) => {
  const patched = fakeMc([1, 2], { assured: runsOf(2, () => 1) });
  const base = fakeMc([1, 2], { assured: runsOf(2, () => 0) });
  const ok = { clients: 2, clientsAssured: 2, clientsKeptServer: 2, finalClientTemplates: 2 };
  const c3 = (connSync: VariantSummary['connSync']) => C3.judge({ ...ctx(measured(2, () => 0), patched, base), modelVariant: 'patched', summary: summary({ ...ok, connSync }) });
  t.equal(c3({ templates: 40, compared: 40, differing: [] }).outcome, 'pass', 'the printers agree');
  const bad = c3({ templates: 40, compared: 40, differing: ['TCP 10.1.1.2 10.0.0.100:80 -> 10.2.1.2:80: ip_vs_conn ASSURED, ip_vs_conn_sync NONE'] });
  t.equal(bad.outcome, 'fail');
  t.match(bad.reason, /ip_vs_conn_sync prints 1 template\(s\) in another state than \/proc\/net\/ip_vs_conn: TCP 10\.1\.1\.2/);
});

t.test('C3 over UDP with an input-only method (DR, TUN): NOT DELIVERED, the kernel function its reason; an ASSURED template there is a FAIL', async (t) => {
  // Both models of a UDP service over DR end with no ASSURED template (the
  // input-only client outcome never assures), so the normal judgement could
  // only say INCONCLUSIVE; the models' parameters say why.
  const none = fakeMc([1, 2], { assured: runsOf(2, () => 0) });
  const dr = (v: Variant): ModelParams => ({ ...defaultParams(v), protocol: 'udp', stateTable: 'input-only' });
  const c3 = (s: Partial<VariantSummary>, params: RunModels = { own: dr('patched'), other: dr('base') }) => {
    const run = { ...ctx(measured(2, () => 0), none, none), modelVariant: 'patched', summary: summary(s), checks: [], params } as JudgedRun;
    const claims = judgeClaims([C3], { scenario, runs: { patched: run } });
    t.equal(claims.length, 1);
    return claims[0]!;
  };
  // 2 clients, neither ASSURED; 1 kept its real server (its template went with its dropped entry).
  const nd = c3({ clients: 2, clientsAssured: 0, clientsKeptServer: 1, finalClientTemplates: 1 });
  t.equal(nd.outcome, 'not-delivered');
  t.equal(nd.undelivered, UDP_NOT_ASSURED);
  t.equal(nd.reason, `${UDP_NOT_ASSURED}. 0 of 2 clients' templates are ASSURED at the end (the patched model's runs: at most 0); 1 of 2 clients kept their real server`);
  t.same(nd.numbers, { clients: 2, clientsAssured: 0, clientTemplates: 1, keptServer: 1, handshakesOk: 0, handshakesFailed: 0, modelAssuredMax: 0 });
  const fail = c3({ clients: 2, clientsAssured: 1, clientsKeptServer: 2 });
  t.equal(fail.outcome, 'fail', 'the kernel assured one: it left its model');
  t.match(fail.reason, /^1 of 2 clients' templates are ASSURED at the end \(the patched model's runs: at most 0\): the kernel assured what its model cannot \(udp_state_transition\(\)/);
  t.equal(fail.undelivered, undefined);
  t.equal(c3({}).outcome, 'inconclusive', 'no client: the scenario cannot show it');
  // The patched model on the other side of the pair (a deliberately wrong model) decides it the same.
  t.equal(c3({ clients: 2 }, { own: dr('base'), other: dr('patched') }).outcome, 'not-delivered');
  // UDP over NAT, and TCP over DR: the series assures, C3 is judged as ever (here: the models do not separate).
  const nat: RunModels = { own: { ...dr('patched'), stateTable: 'both' }, other: { ...dr('base'), stateTable: 'both' } };
  t.equal(c3({ clients: 2 }, nat).outcome, 'inconclusive');
  const tcpDr: RunModels = { own: { ...dr('patched'), protocol: 'tcp' }, other: { ...dr('base'), protocol: 'tcp' } };
  t.equal(c3({ clients: 2 }, tcpDr).outcome, 'inconclusive');
  // One-packet scheduling: as before (INCONCLUSIVE where no model assures).
  const ops: RunModels = { own: { ...dr('patched'), ops: true }, other: { ...dr('base'), ops: true } };
  t.equal(c3({ clients: 2 }, ops).outcome, 'inconclusive');
});
