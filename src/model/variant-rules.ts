// Pure: what the series changes in the connection table, one rules object per
// variant (fixtures/patches/ipvs-template-drop/README.md): patched assures a
// template on its client's exchange, drops a template with its last controlled
// connection, and lets the scan drop non-assured templates; base (the series
// reverted, 2018's code) does none of these.
import type { Variant } from './params.ts';
import { TPL, ASSURED, type SimState, type VariantRules } from './sim-state.ts';

/** patched: ip_vs_conn_del(): synchronous, marks the chain for dropping. */
function del(s: SimState, e: number, now: number): void {
  const T = s.T;
  if (!T.pending[e]) return; // del_timer() failed: already expiring or gone
  T.pending[e] = 0;
  if (T.control[e]! >= 0) T.dropped[e] = 1;
  s.expire(e, now);
}

/** base: ip_vs_conn_expire_now(): mod_timer_pending(timer, jiffies) if it is later. */
function expireNow(s: SimState, e: number, now: number): void {
  if (s.T.pending[e] && s.T.timerExpires[e]! > now) s.arm(e, now, now);
}

export const PATCHED: VariantRules = {
  hashesTemplates: true,
  assuresOnClientExchange: true,
  // ip_vs_conn_expire(): "Drop CTL or non-assured TPL if not used anymore".
  controlReleased(s, e, ct, now) {
    const T = s.T;
    if (T.dropped[e] && T.nControl[ct] === 0 && !(T.kind[ct] === TPL && T.state[ct]! & ASSURED)) {
      del(s, ct, now); // ip_vs_conn_del_put()
    }
  },
  dropCandidate(s, e, now) {
    const T = s.T;
    if (!T.alive[e]) return; // unhashed while the scan walked: ip_vs_conn_del() finds no timer
    if (T.nControl[e]! > 0) return;
    if (T.kind[e] === TPL) {
      // A template of a one-packet service goes through todrop_entry() (its
      // in_pkts counts the packets through it); any other unless ASSURED.
      if (s.ops ? s.todrop(e, now) : !(T.state[e]! & ASSURED)) {
        s.dropLines++; // drop: ip_vs_conn_del(cp)
        del(s, e, now);
      }
      return;
    }
    if (s.drops(e, now)) {
      s.dropLines++;
      del(s, e, now);
    }
  },
};

export const BASE: VariantRules = {
  hashesTemplates: false,
  assuresOnClientExchange: false,
  controlReleased() {},
  // Templates are never picked; a dropped connection's timer and its template's are both moved to now.
  dropCandidate(s, e, now) {
    const T = s.T;
    if (T.kind[e] === TPL) return;
    if (s.drops(e, now)) {
      s.dropLines++; // "del connection": ip_vs_conn_expire_now(cp)
      expireNow(s, e, now);
      const ct = T.control[e]!;
      if (ct >= 0 && T.alive[e]) expireNow(s, ct, now);
    }
  },
};

export const RULES: Record<Variant, VariantRules> = { base: BASE, patched: PATCHED };
