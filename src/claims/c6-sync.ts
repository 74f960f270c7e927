// Pure: claim C6, carried by each variant's run: the sync daemon. Patch 1 lets
// a backup take a template's state from the master's sync messages
// (ip_vs_proc_sync_conn(), ip_vs_process_message_v0()) where it forced 0
// before: with the series the backup's copies of the clients' templates are
// ASSURED as the master's are; without it there is no ASSURED state on either
// side. What the master's templates are is the model's (the ASSURED series at
// the end); what the backup holds is read off its table at the end (scenario
// `sync: true`).
import type { ClaimContext, Judgement, RunClaimModule } from './types.ts';
import { inconclusive } from './separation.ts';
import { NO_CLIENT, assuredAtEnd, clientsNeverAssured } from './unassured-clients.ts';

function judge(c: ClaimContext): Judgement {
  const b = c.summary.sync;
  if (!b) return inconclusive('the guest made no report of the backup');
  if (c.summary.clients === 0) return inconclusive(NO_CLIENT);
  const held = Object.values(b.clientTemplatesByState).reduce((x, y) => x + y, 0);
  const assured = b.clientTemplatesByState.ASSURED ?? 0;
  const numbers = { backupEntries: b.entries, backupTemplates: b.templates, clientTemplates: held, assured };
  // The master's clients' templates at the end, by the model held against the run.
  const vals = assuredAtEnd(c.model);
  const expectAssured = Math.min(...vals) > 0;
  if (!expectAssured && Math.max(...vals) > 0) return inconclusive(`the ${c.modelVariant} model's runs end with ${Math.min(...vals)}..${Math.max(...vals)} ASSURED templates: no one state to expect`, numbers);
  const states = Object.entries(b.clientTemplatesByState).map(([s, n]) => `${n} ${s}`).join(', ');
  if (held === 0) {
    return { outcome: 'fail', reason: `the backup holds none of the clients' templates (${b.templates} templates, ${b.entries} entries in all): the sync daemon did not carry them`, numbers };
  }
  const said = `the backup holds ${held} of the clients' templates: ${states}`;
  if (expectAssured) {
    const ok = assured === held;
    return { outcome: ok ? 'pass' : 'fail', reason: ok ? `${said}, ASSURED as the master marks them` : `${said}; the master marks them ASSURED (the ${c.modelVariant} model): the state did not survive the sync`, numbers };
  }
  const ok = assured === 0;
  return { outcome: ok ? 'pass' : 'fail', reason: ok ? `${said}: no ASSURED state, as the ${c.modelVariant} model has none` : `${said}; the ${c.modelVariant} model has no ASSURED state`, numbers };
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
  appliesTo: (s) => s.sync ? true : 'the scenario runs no sync daemon; sync: true adds a backup director fed by one',
  // Patched's run, where its model assures no client's template (UDP over DR,
  // TUN); base's claim (no ASSURED state anywhere) holds there as elsewhere.
  undelivered: { where: (_s, models) => clientsNeverAssured(models.own), judge: judgeUndelivered },
  judge,
};
