import t from 'tap';
import { claimC6 } from '../../src/compare/claim-sync.ts';
import type { ClaimContext } from '../../src/compare/claims.ts';
import type { MonteCarlo } from '../../src/model/monte-carlo.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import type { VariantSummary } from '../../src/observe/summary.ts';
import type { SyncReport } from '../../src/record/sync.ts';
import { parseResults } from '../../src/record/results.ts';
import { summarise } from '../../src/observe/summary.ts';

/** A model whose runs end with these ASSURED counts (patched: the clients', base: none). */
const modelEnding = (assured: number[]): MonteCarlo =>
  ({ t: Float64Array.of(1, 2), runs: assured.length, values: { assured: Int32Array.from(assured.flatMap((a) => [0, a])) } }) as unknown as MonteCarlo;
const report = (byState: Record<string, number>): SyncReport => ({ entries: 900, templates: 160, clientTemplatesByState: byState });
const ctx = (sync: boolean | undefined, model: MonteCarlo, r?: SyncReport, clients = 2): ClaimContext =>
  ({ scenario: { sync } as Scenario, summary: { clients, ...(r ? { sync: r } : {}) } as VariantSummary, model, modelVariant: 'patched' }) as ClaimContext;

t.test("C6: the backup's copies in the master's state: ASSURED where the model assures, none where it does not", async (t) => {
  const patched = modelEnding([2, 2, 2]);
  const base = modelEnding([0, 0, 0]);
  const ok = claimC6('patched')(ctx(true, patched, report({ ASSURED: 2 })));
  t.equal(ok.outcome, 'pass', ok.reason);
  t.match(ok.reason, /the backup holds 2 of the clients' templates: 2 ASSURED, ASSURED as the master marks them/);
  const forced = claimC6('patched')(ctx(true, patched, report({ NONE: 2 })));
  t.equal(forced.outcome, 'fail', 'a sync that forces the state to 0 (base, or a bad port of the hunk)');
  t.match(forced.reason, /the state did not survive the sync/);
  t.equal(claimC6('base')(ctx(true, base, report({ NONE: 2 }))).outcome, 'pass', 'base: NONE, as its model has no ASSURED state');
  t.equal(claimC6('base')(ctx(true, base, report({ ASSURED: 1, NONE: 1 }))).outcome, 'fail');
  const none = claimC6('patched')(ctx(true, patched, report({})));
  t.equal(none.outcome, 'fail', 'nothing synced');
  t.match(none.reason, /the sync daemon did not carry them/);
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

t.test("the backup's template lines: counted apart from the director's", async (t) => {
  const lines = [
    { type: 'sample', t: 5, conns: {}, templates: { ASSURED: 1, NONE: 1 }, stats: {} },
    { type: 'client', client: 1, t: 6, done: 6.2, ok: true, rs: 'rs1' },
    { type: 'template', line: 'TCP 0A010102 0000 0A000064 0050 0A020102 0050 ASSURED         296' },
    { type: 'template', line: 'TCP C0A80001 0000 0A000064 0050 0A020102 0050 NONE            200' },
    { type: 'template', node: 'backup', line: 'TCP 0A010102 0000 0A000064 0050 0A020102 0050 ASSURED         299' },
    { type: 'event', name: 'sync-backup', t: 160, entries: 3 },
  ].map((x) => JSON.stringify(x));
  const s = summarise(parseResults(lines.join('\n')));
  t.equal(s.finalClientTemplates + s.finalFloodTemplates, 2, "the director's two templates only");
  t.same(s.sync, { entries: 3, templates: 1, clientTemplatesByState: { ASSURED: 1 } });
  t.equal(summarise(parseResults(lines.slice(0, 4).join('\n'))).sync, undefined, 'no backup, no report');
});
