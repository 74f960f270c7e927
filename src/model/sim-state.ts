// Pure: one run's connection table and what changes it, following
// net/netfilter/ipvs/ip_vs_conn.c of linux 6.1: entries made by the scheduler,
// their timers, their expiry and the defense's scan. What the series changes
// lives in the variant's rules (VariantRules, ./variant-rules.ts); the event loop that drives
// this is ./sim.ts.
import { unsafeUniformIntDistribution, type RandomGenerator } from 'pure-rand';
import { STREAMS, seededStream } from './seed-mix.ts';
import { wheelFireJiffy } from './timer-wheel.ts';
import type { Calendar } from './calendar.ts';
import type { Table } from './table.ts';
import type { KeyIndex } from './key-index.ts';
import type { ModelParams } from './params.ts';
import { TODROP_IDLE_S, Todrop } from './defense.ts';
import { DROP, TODROP, type ClientOutcome, type FloodStates, type ProtoModel } from '../protocols/types.ts';
import { PROTOCOLS } from '../protocols/index.ts';
import { clientOutcome } from './client-outcome.ts';
import { floodStates } from './flood-states.ts';

const CONN = 0;
export const TPL = 1;
/** Template state bit (include/net/ip_vs.h IP_VS_CTPL_S_ASSURED). */
export const ASSURED = 1;

/** expire_later in ip_vs_conn_expire(): cp->timeout = 60*HZ. */
const EXPIRE_LATER_S = 60;

/**
 * What the series changes, as one object per variant (base: the series
 * reverted; patched: as shipped). The entries are this state's.
 */
export interface VariantRules {
  /** Templates are in the hash chains the scan walks (base leaves them out: its scan skips them). */
  hashesTemplates: boolean;
  /** A client's answered exchange assures its template (ip_vs_control_assure_ct()). */
  assuresOnClientExchange: boolean;
  /** After connection `e` is freed, its template `ct` has one controlled connection less. */
  controlReleased(s: SimState, e: number, ct: number, now: number): void;
  /** ip_vs_random_dropentry()'s treatment of entry `e` of a chain it scans. */
  dropCandidate(s: SimState, e: number, now: number): void;
}

/** The table, its timers and the counters a sample reads (kept as entries come and go: O(1) a sample). */
export class SimState {
  readonly HZ: number;
  readonly proto: ProtoModel;
  /** A client's exchange under the method's state table. */
  readonly client: ClientOutcome;
  /** A flood packet's outcome and the half-open state, under the table and the knobs. */
  readonly flood: FloodStates;
  readonly ops: boolean;
  readonly rng: RandomGenerator;
  private readonly p: ModelParams;
  private readonly tabMask: number;
  private readonly maskShift: number;
  private readonly todropper = new Todrop();
  /** Client connections by key (client and source port), for a request that comes from a port again. */
  private readonly connByKey = new Map<number, number>();
  /** Scratch: the buckets with a chain when a scan began. */
  private chainsAtStart = new Int32Array(0);
  conns = 0;
  synRecv = 0;
  templates = 0;
  assured = 0;
  clientTemplates = 0;
  /** Entries created and freed since the last sample. */
  added = 0;
  removed = 0;
  /**
   * Times ip_vs_random_dropentry()'s drop line ran (the rules count it), the
   * number gcov counts on the kernel's: a diagnostic, read by no band.
   */
  dropLines = 0;

  /** `tplByKey`: templates by masked source address (ip_vs_sched_persist() finds them so). */
  constructor(
    p: ModelParams,
    readonly rules: VariantRules,
    seed: number,
    readonly T: Table,
    readonly cal: Calendar,
    private readonly tplByKey: KeyIndex,
  ) {
    this.p = p;
    this.HZ = p.hz;
    this.proto = PROTOCOLS[p.protocol];
    this.client = clientOutcome(p);
    this.flood = floodStates(p);
    this.ops = p.ops === true;
    // Mixed (./seed-mix.ts): runs seed and seed+1 draw unrelated buckets.
    this.rng = seededStream(seed, STREAMS.sim);
    // The table size is a power of two, so masking the generator's 32 bits is
    // exact (get_random_u32() & ip_vs_conn_tab_mask, as the kernel does).
    this.tabMask = 2 ** p.tabBits - 1;
    this.maskShift = 32 - p.netmaskBits;
  }

  rand(n: number): number {
    return unsafeUniformIntDistribution(0, n - 1, this.rng);
  }

  randBucket(): number {
    return (this.rng.unsafeNext() >>> 0) & this.tabMask;
  }

  /** The wheel's grid is in the kernel's jiffies: model jiffy j is kernel jiffy phase + j. */
  wheelFire(expires: number, now: number): number {
    const phase = this.p.jiffiesAtZero;
    return wheelFireJiffy(expires + phase, now + phase) - phase;
  }

  arm(e: number, expires: number, now: number): void {
    const T = this.T;
    const fire = this.wheelFire(expires, now);
    T.timerExpires[e] = expires;
    // __mod_timer(): a pending timer whose new expiry lands in the same bucket stays put.
    if (T.pending[e] && T.timerFire[e] === fire) return;
    T.pending[e] = 1;
    T.timerFire[e] = fire;
    this.cal.add(e, (T.gen[e] = T.gen[e]! + 1), fire);
  }

  private free(e: number): void {
    const T = this.T;
    if (T.kind[e] === CONN || this.rules.hashesTemplates) T.unhash(e);
    T.alive[e] = 0;
    this.removed++;
    if (T.kind[e] === CONN) {
      this.conns--;
      if (T.state[e] === this.flood.embryonic) this.synRecv--;
    } else {
      this.templates--;
      if (T.state[e]! & ASSURED) this.assured--;
      if (T.isClient[e]) this.clientTemplates--;
    }
  }

  /** ip_vs_conn_expire() */
  expire(e: number, now: number): void {
    const T = this.T;
    if (T.nControl[e]! > 0) {
      // expire_later: the timeout that sticks for later refreshes too.
      T.timeout[e] = EXPIRE_LATER_S * this.HZ;
      this.arm(e, now + T.timeout[e]!, now);
      return;
    }
    this.free(e);
    const ct = T.control[e]!;
    if (ct >= 0) {
      T.nControl[ct]!--; // ip_vs_control_del()
      this.rules.controlReleased(this, e, ct, now);
    }
  }

  /** todrop_entry(): idle long enough, then the shared counters. */
  todrop(e: number, now: number): boolean {
    const T = this.T;
    return now >= T.timerExpires[e]! - T.timeout[e]! + TODROP_IDLE_S * this.HZ && this.todropper.pick(T.inPkts[e]!);
  }

  /** ip_vs_random_dropentry()'s test of a connection, by its protocol's rule for its state. */
  drops(e: number, now: number): boolean {
    const r = this.proto.dropRule[this.T.state[e]!];
    return r === DROP || (r === TODROP && this.todrop(e, now));
  }

  /**
   * ip_vs_random_dropentry(): tab_size >> 5 buckets, uniform, with
   * replacement; only the draws that land on a chain do anything. Those are
   * drawn directly, in the same law: the gap to the next such draw is
   * geometric (a chain's share of the buckets at the scan's start), and each
   * lands uniformly on one of the chains there then. A scan only empties
   * chains, so a chain emptied on the way is walked as the kernel walks it:
   * no entry. (Drawing every bucket cost 32,768 draws a second at
   * conn_tab_bits 20, ~50 s of host time a judgement.)
   */
  scan(now: number): void {
    const T = this.T;
    const chains = T.occupiedCount;
    if (chains === 0) return;
    const draws = (this.tabMask + 1) >> 5;
    const logMiss = Math.log1p(-chains / (this.tabMask + 1));
    // The chains at the start (the table's list changes as the scan empties them).
    if (this.chainsAtStart.length < chains) this.chainsAtStart = new Int32Array(T.occupied.length);
    const start = this.chainsAtStart;
    start.set(T.occupied.subarray(0, chains));
    for (let k = this.gap(logMiss); k < draws; k += 1 + this.gap(logMiss)) {
      for (let e = T.heads[start[this.rand(chains)]!]!; e !== -1; ) {
        const nxt = T.next[e]!;
        this.rules.dropCandidate(this, e, now);
        e = nxt;
      }
    }
  }

  /** Draws that miss every chain before the next that hits one: geometric, P(miss) = exp(logMiss) (0 when every bucket has a chain). */
  private gap(logMiss: number): number {
    if (logMiss === -Infinity) return 0;
    const u = ((this.rng.unsafeNext() >>> 0) + 1) / 2 ** 32;
    return Math.floor(Math.log(u) / logMiss);
  }

  private newEntry(kind: number): number {
    const T = this.T;
    const e = T.size++;
    T.kind[e] = kind;
    T.alive[e] = 1;
    this.added++;
    return e;
  }

  /**
   * ip_vs_sched_persist(): the template of the masked source, found or made.
   * `src` < 0: a flood source nobody recorded, a fresh random address (which
   * only matters, and so is only drawn, under a netmask shorter than /32).
   */
  private template(src: number): number {
    const T = this.T;
    let addr = src;
    if (addr < 0 && this.maskShift > 0) addr = this.rng.unsafeNext() >>> 0;
    const key = addr < 0 ? -1 : this.maskShift >= 32 ? 0 : addr >>> this.maskShift;
    let ct = key >= 0 ? this.tplByKey.get(key) : -1;
    if (ct === -1 || !T.alive[ct]) {
      ct = this.newEntry(TPL);
      T.timeout[ct] = this.p.persistence * this.HZ;
      // Base's scan skips templates, so they are left out of the chains it
      // walks (the same draw keeps every run's random stream as it was).
      const b = this.randBucket();
      if (this.rules.hashesTemplates) T.hash(ct, b);
      this.templates++;
      if (key >= 0) this.tplByKey.set(key, ct);
    }
    return ct;
  }

  /**
   * ip_vs_sched_persist() + ip_vs_conn_new() + the first state transition + ip_vs_conn_put().
   * `conn` (>= 0): the client connection's key (client and source port); a
   * request whose key an entry still holds goes to that entry (reuse()).
   */
  arrive(now: number, src: number, client: boolean, answered = true, conn = -1): void {
    const T = this.T;
    if (conn >= 0 && !this.ops) {
      const e = this.connByKey.get(conn);
      // (A dropped entry waits only for its timer: taken as gone.)
      if (e !== undefined && T.alive[e] && !T.dropped[e]) return this.reuse(e, now, answered);
    }
    const ct = this.template(src);
    if (client && !T.isClient[ct]) {
      T.isClient[ct] = 1;
      this.clientTemplates++;
    }
    this.arm(ct, now + T.timeout[ct]!, now); // ip_vs_conn_put(ct) re-arms the template
    // One-packet scheduling: the connection is freed at once, never hashed; its
    // packet counts on the template (ip_vs_in_hook(): cp->control->in_pkts, or
    // ip_vs_sync_conn()'s control step on a sync master), except on a v0 sync
    // master, whose ip_vs_sync_conn_v0() returns first for ONE_PACKET.
    if (this.ops) {
      if (!this.p.syncMasterV0) T.inPkts[ct]!++;
      return;
    }
    const cp = this.newEntry(CONN);
    T.hash(cp, this.randBucket());
    this.conns++;
    T.control[cp] = ct;
    T.nControl[ct]!++; // ip_vs_control_add()
    // What the exchange leaves (the protocol's data); a client's may assure the template.
    const o = client ? this.client : this.flood.flood;
    if (client && answered && this.client.assures && this.rules.assuresOnClientExchange && !(T.state[ct]! & ASSURED)) {
      T.state[ct]! |= ASSURED;
      this.assured++;
    }
    T.state[cp] = o.state;
    if (o.state === this.flood.embryonic) this.synRecv++;
    T.inPkts[cp] = o.inPkts;
    T.timeout[cp] = o.timeoutS * this.HZ;
    this.arm(cp, now + T.timeout[cp]!, now);
    if (conn >= 0) this.connByKey.set(conn, cp);
  }

  /**
   * A client request from the address and port of a connection still in the
   * table: ip_vs_conn_in_get() finds it, and ip_vs_in_hook() keeps it (a
   * persistent service's connection has a control, so is_new_conn_expected()
   * is false whatever conn_reuse_mode says). No scheduling, so no new entry
   * and no template refresh; the exchange runs on the old entry again (its
   * state, timer and packet count) and, answered, may assure its template.
   */
  private reuse(e: number, now: number, answered: boolean): void {
    const T = this.T;
    const o = this.client;
    const ct = T.control[e]!;
    if (answered && o.assures && this.rules.assuresOnClientExchange && ct >= 0 && !(T.state[ct]! & ASSURED)) {
      T.state[ct]! |= ASSURED;
      this.assured++;
    }
    if (T.state[e] === this.flood.embryonic) this.synRecv--;
    T.state[e] = o.state;
    if (o.state === this.flood.embryonic) this.synRecv++;
    T.inPkts[e]! += o.inPkts;
    T.timeout[e] = o.timeoutS * this.HZ;
    this.arm(e, now + T.timeout[e]!, now);
  }
}
