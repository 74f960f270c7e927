// Pure: claim C3, carried by patched's run: the templates of clients that
// completed a handshake are ASSURED (the series' IP_VS_CTPL_S_ASSURED, set by
// ip_vs_control_assure_ct()) and survive the flood's drops; the clients keep
// their real server. Its number: whether the clients' templates are ASSURED at
// the end, where the patched model has them all and the base model none.
import type { VariantSummary } from '../observe/summary.ts';
import type { ClaimContext, Judgement, RunClaimModule } from './types.ts';
import { inconclusive, separation } from './separation.ts';
import { NO_CLIENT, assuredAtEnd, clientsNeverAssured, patchedModel } from './unassured-clients.ts';



const numbersOf = (s: VariantSummary) => ({ clients: s.clients, clientsAssured: s.clientsAssured, clientTemplates: s.finalClientTemplates, keptServer: s.clientsKeptServer, handshakesOk: s.clientHandshakes.ok, handshakesFailed: s.clientHandshakes.failed });

function judge(c: ClaimContext): Judgement {
  const s = c.summary;
  if (s.clients === 0) return inconclusive(NO_CLIENT);
  const sep = separation(s.clientsAssured > 0 ? 1 : 0, assuredAtEnd(c.model), assuredAtEnd(c.other));
  const numbers = numbersOf(s);
  const shared = s.finalClientTemplates > 0 && s.finalClientTemplates < s.clients ? ` (${s.clients} clients share ${s.finalClientTemplates} template${s.finalClientTemplates > 1 ? 's' : ''} under the netmask)` : '';
  const said = `${s.clientsAssured} of ${s.clients} clients' templates are ASSURED at the end${shared}; ${s.clientsKeptServer} of ${s.clients} clients kept their real server`;
  // The series names a template's state in both /proc files: they must agree (a kernel fault either way).
  const printers = s.connSync?.differing ?? [];
  if (printers.length > 0) return { outcome: 'fail', reason: `${said}; but /proc/net/ip_vs_conn_sync prints ${printers.length} template(s) in another state than /proc/net/ip_vs_conn: ${printers.slice(0, 3).join('; ')}`, numbers };
  if (!sep.separates) return inconclusive(`${said}; not judged: both models end with ${sep.own.lo}..${sep.own.hi} ASSURED templates`, numbers);
  // The patched model assures every client's template, the base model none.
  const expectAssured = sep.own.lo > 0;
  const ok = (expectAssured ? s.clientsAssured === s.clients : s.clientsAssured === 0) && s.clientsKeptServer === s.clients;
  return { outcome: ok ? 'pass' : 'fail', reason: said, numbers };
}

/**
 * Where the series assures no client's template (`why`): the kernel must
 * still follow its model, which has none ASSURED; how many clients kept their
 * real server is what the series' users get there.
 */
function judgeUndelivered(c: ClaimContext, why: string): Judgement {
  const s = c.summary;
  if (s.clients === 0) return inconclusive(NO_CLIENT);
  const most = Math.max(...assuredAtEnd(c.model));
  const numbers = { ...numbersOf(s), modelAssuredMax: most };
  const said = `${s.clientsAssured} of ${s.clients} clients' templates are ASSURED at the end (the ${c.modelVariant} model's runs: at most ${most})`;
  if (s.clientsAssured > most) return { outcome: 'fail', reason: `${said}: the kernel assured what its model cannot (${why})`, numbers };
  return { outcome: 'not-delivered', reason: `${why}. ${said}; ${s.clientsKeptServer} of ${s.clients} clients kept their real server`, numbers };
}

export const C3: RunClaimModule = {
  id: 'C3',
  carriedBy: 'patched',
  title: () => 'templates of clients that completed a handshake (ASSURED) survive; clients keep their real server',
  // Whether the scenario shows it is the models' answer (they separate).
  appliesTo: () => true,
  // Where the patched model assures no client's template (UDP over DR, TUN).
  undelivered: {
    where: (_s, models) => {
      const p = patchedModel(models);
      return p && clientsNeverAssured(p);
    },
    judge: judgeUndelivered,
  },
  judge,
};
