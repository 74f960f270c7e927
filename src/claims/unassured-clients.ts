// Pure: where the series, by its own code, assures no client's template: the
// patched model's client outcome under its state table says so (the protocol
// module's data, src/model/client-outcome.ts), e.g. UDP over DR or TUN, whose
// replies never pass the director. The claims about ASSURED templates (C3, C6)
// are then NOT DELIVERED rather than judged against a model that has none.
import { clientOutcome } from '../model/client-outcome.ts';
import type { ModelParams } from '../model/params.ts';
import type { MonteCarlo } from '../model/monte-carlo.ts';
import type { RunModels } from './types.ts';
import { perRun } from './separation.ts';

/** Why C3 and C6 cannot be judged without clients. */
export const NO_CLIENT = 'no client completed a handshake: add clients to the scenario';

/** The model's ASSURED templates at the end of each of its runs. */
export const assuredAtEnd = (mc: MonteCarlo) => perRun(mc, (v) => v('assured', mc.t.length - 1));

/**
 * Why the patched model's parameters `p` leave every client's template
 * unassured, or undefined where a client's exchange assures it (or `p` is not
 * the patched model's). One-packet scheduling never assures either, but there
 * the series protects templates another way (todrop_entry() reads their
 * in_pkts): the claims judge it as before.
 */
export function clientsNeverAssured(p: ModelParams): string | undefined {
  if (p.variant !== 'patched' || p.ops === true) return undefined;
  const o = clientOutcome(p);
  if (o.assures) return undefined;
  return o.notAssured ?? `under this forwarding method a ${p.protocol} client's exchange assures no template`;
}

/** The patched model of a run's pair (its own or the other), whichever it is. */
export const patchedModel = (m: RunModels): ModelParams | undefined => [m.own, m.other].find((p) => p.variant === 'patched');
