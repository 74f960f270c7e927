// Pure: one seeded run of the IPVS connection table, following net/netfilter/ipvs
// of linux 6.1 (patched = as shipped; base = the series reverted, see
// fixtures/patches/ipvs-template-drop/README.md). Time is in jiffies; timers fire
// when kernel/time/timer.c would fire them (level rounding, newest first within
// a bucket). Entries live in typed arrays: no per-entry objects in the hot loop.
import { xoroshiro128plus, unsafeUniformIntDistribution, type RandomGenerator } from 'pure-rand';
import { wheelFireJiffy } from './timer-wheel.ts';
import { Calendar } from './calendar.ts';
import { Table } from './table.ts';
import { KeyIndex } from './key-index.ts';
import { SERIES, type Arrivals, type ModelParams, type SeriesName, type SimOutput } from './params.ts';
import { TODROP_IDLE_S, Todrop, scanClock } from './defense.ts';
import { DROP, TODROP } from '../protocols/types.ts';
import { PROTOCOLS } from '../protocols/index.ts';

const CONN = 0;
const TPL = 1;
// Template state bit (include/net/ip_vs.h IP_VS_CTPL_S_ASSURED).
const ASSURED = 1;

/** expire_later in ip_vs_conn_expire(): cp->timeout = 60*HZ. */
const EXPIRE_LATER_S = 60;


// (A plain loop: Int32Array.from with a map function is slow in V8.)
function toJiffies(seconds: Float64Array, hz: number, round: (x: number) => number): Int32Array {
  const out = new Int32Array(seconds.length);
  for (let i = 0; i < seconds.length; i++) out[i] = round(seconds[i]! * hz);
  return out;
}

export interface SimInput {
  params: ModelParams;
  arrivals: Arrivals;
  /** Sample times, model seconds, ascending. */
  sampleTimes: Float64Array;
  seed: number;
  /** The same times in jiffies, when a caller runs many seeds (see prepareJiffies). */
  jiffies?: Jiffies;
  /**
   * How late a timer-woken task in the guest woke, as the sampler measured it
   * around each of its samples (model seconds, seconds late): without traced
   * runs, the defense work's kworker is taken to wake as late.
   */
  scanLatency?: { t: Float64Array; late: Float64Array };
  /** When the guest traced defense_work_handler() running (model seconds, ascending): the scans' times. */
  scanTimes?: Float64Array;
}

export interface Jiffies {
  flood: Int32Array;
  clients: Int32Array;
  samples: Int32Array;
}

/** Arrivals at the first jiffy at or after their time; a sample sees the end of its jiffy. */
export function prepareJiffies(arrivals: Arrivals, sampleTimes: Float64Array, hz: number): Jiffies {
  return {
    flood: toJiffies(arrivals.flood, hz, Math.ceil),
    clients: toJiffies(arrivals.clientTimes, hz, Math.ceil),
    samples: toJiffies(sampleTimes, hz, Math.floor),
  };
}

// The last run's table and calendar, reused by the next run of the same size
// (a Monte Carlo's runs; each thread has its own module state). A run leaves
// nothing in them that the next one reads: reset() clears what it used.
let spareTable: Table | undefined;
let spareCalendar: Calendar | undefined;
let spareKeys: KeyIndex | undefined;
const tableFor = (n: number, buckets: number) => (spareTable?.reset(n, buckets) ? spareTable : (spareTable = new Table(n, buckets)));
const calendarFor = (end: number, capacity: number) => (spareCalendar?.reset(end) ? spareCalendar : (spareCalendar = new Calendar(end, capacity)));
const keysFor = (n: number) => (spareKeys?.reset(n) ? spareKeys : (spareKeys = new KeyIndex(n)));

export function simulate(input: SimInput): SimOutput {
  const { params: p, arrivals, sampleTimes } = input;
  const HZ = p.hz;
  const tabSize = 2 ** p.tabBits;
  const patched = p.variant === 'patched';
  const ops = p.ops === true;
  const proto = PROTOCOLS[p.protocol];
  const { dropRule, embryonic } = proto;
  // The wheel's grid is in the kernel's jiffies: model jiffy j is kernel jiffy phase + j.
  const phase = p.jiffiesAtZero;
  const wheelFire = (expires: number, now: number) => wheelFireJiffy(expires + phase, now + phase) - phase;
  const rng: RandomGenerator = xoroshiro128plus(input.seed);
  const rand = (n: number) => unsafeUniformIntDistribution(0, n - 1, rng);
  // Bucket draws: the table size is a power of two, so masking the generator's
  // 32 bits is exact (get_random_u32() & ip_vs_conn_tab_mask, as the kernel does).
  const tabMask = tabSize - 1;
  const randBucket = () => (rng.unsafeNext() >>> 0) & tabMask;

  const nArr = arrivals.flood.length + arrivals.clientTimes.length;
  const T = tableFor(2 * nArr + 8, tabSize);
  const J = input.jiffies ?? prepareJiffies(arrivals, sampleTimes, HZ);
  // The last sample's jiffy (a drawn sample time may lie after its nominal one).
  const lastSample = sampleTimes.length > 0 ? sampleTimes[sampleTimes.length - 1]! : 0;
  const end = Math.max(Math.ceil(lastSample * HZ), J.samples.length > 0 ? J.samples[J.samples.length - 1]! : 0) + 1;

  const cal = calendarFor(end, 4 * nArr + 64);

  // Templates by masked source address (the template's cport is 0, its caddr
  // the source under the service's netmask: ip_vs_sched_persist()).
  const tplByKey = keysFor(nArr);
  const maskShift = 32 - p.netmaskBits;

  // Counters kept as entries come and go, so that a sample costs O(1).
  let conns = 0;
  let synRecv = 0;
  let templates = 0;
  let assured = 0;
  let clientTemplates = 0;
  // Entries created and freed since the last sample.
  let added = 0;
  let removed = 0;
  const todropper = new Todrop();

  function arm(e: number, expires: number, now: number) {
    const fire = wheelFire(expires, now);
    T.timerExpires[e] = expires;
    // __mod_timer(): a pending timer whose new expiry lands in the same bucket stays put.
    if (T.pending[e] && T.timerFire[e] === fire) return;
    T.pending[e] = 1;
    T.timerFire[e] = fire;
    cal.add(e, (T.gen[e] = T.gen[e]! + 1), fire);
  }

  function free(e: number) {
    if (T.kind[e] === CONN || patched) T.unhash(e);
    T.alive[e] = 0;
    removed++;
    if (T.kind[e] === CONN) {
      conns--;
      if (T.state[e] === embryonic) synRecv--;
    } else {
      templates--;
      if (T.state[e]! & ASSURED) assured--;
      if (T.isClient[e]) clientTemplates--;
    }
  }

  // ip_vs_conn_expire()
  function expire(e: number, now: number) {
    if (T.nControl[e]! > 0) {
      // expire_later: the timeout that sticks for later refreshes too.
      T.timeout[e] = EXPIRE_LATER_S * HZ;
      arm(e, now + T.timeout[e]!, now);
      return;
    }
    free(e);
    const ct = T.control[e]!;
    if (ct >= 0) {
      T.nControl[ct]!--; // ip_vs_control_del()
      // patched: "Drop CTL or non-assured TPL if not used anymore"
      if (patched && T.dropped[e] && T.nControl[ct] === 0 && !(T.kind[ct] === TPL && T.state[ct]! & ASSURED)) {
        del(ct, now); // ip_vs_conn_del_put()
      }
    }
  }

  // patched: ip_vs_conn_del(): synchronous, marks the chain for dropping.
  function del(e: number, now: number) {
    if (!T.pending[e]) return; // del_timer() failed: already expiring or gone
    T.pending[e] = 0;
    if (T.control[e]! >= 0) T.dropped[e] = 1;
    expire(e, now);
  }

  // base: ip_vs_conn_expire_now(): mod_timer_pending(timer, jiffies) if it is later.
  function expireNow(e: number, now: number) {
    if (T.pending[e] && T.timerExpires[e]! > now) arm(e, now, now);
  }

  // todrop_entry(): idle long enough, then the shared counters.
  const todrop = (e: number, now: number) => now >= T.timerExpires[e]! - T.timeout[e]! + TODROP_IDLE_S * HZ && todropper.pick(T.inPkts[e]!);
  // ip_vs_random_dropentry()'s test of a connection, by its protocol's rule for its state.
  function drops(e: number, now: number): boolean {
    const r = dropRule[T.state[e]!];
    return r === DROP || (r === TODROP && todrop(e, now));
  }

  function dropCandidate(e: number, now: number) {
    if (patched) {
      if (!T.alive[e]) return; // unhashed while the scan walked: ip_vs_conn_del() finds no timer
      if (T.nControl[e]! > 0) return;
      if (T.kind[e] === TPL) {
        // A template of a one-packet service goes through todrop_entry() (its
        // in_pkts counts the packets through it); any other unless ASSURED.
        if (ops ? todrop(e, now) : !(T.state[e]! & ASSURED)) del(e, now);
        return;
      }
      if (drops(e, now)) del(e, now);
      return;
    }
    // base (2018): templates are never picked; a dropped connection's timer and
    // its template's are both moved to now.
    if (T.kind[e] === TPL) return;
    if (drops(e, now)) {
      expireNow(e, now);
      const ct = T.control[e]!;
      if (ct >= 0 && T.alive[e]) expireNow(ct, now);
    }
  }

  // ip_vs_random_dropentry(): tab_size >> 5 buckets, uniform, with replacement.
  function scan(now: number) {
    const draws = tabSize >> 5;
    for (let k = 0; k < draws; k++) {
      for (let e = T.heads[randBucket()]!; e !== -1; ) {
        const nxt = T.next[e]!;
        dropCandidate(e, now);
        e = nxt;
      }
    }
  }

  function newEntry(kind: number): number {
    const e = T.size++;
    T.kind[e] = kind;
    T.alive[e] = 1;
    added++;
    return e;
  }

  // ip_vs_sched_persist() + ip_vs_conn_new() + the first state transition + ip_vs_conn_put().
  // `src` < 0: a flood source nobody recorded, a fresh random address (which
  // only matters, and so is only drawn, under a netmask shorter than /32).
  function arrive(now: number, src: number, client: boolean, answered = true) {
    let addr = src;
    if (addr < 0 && maskShift > 0) addr = rng.unsafeNext() >>> 0;
    const key = addr < 0 ? -1 : maskShift >= 32 ? 0 : addr >>> maskShift;
    let ct = key >= 0 ? tplByKey.get(key) : -1;
    if (ct === -1 || !T.alive[ct]) {
      ct = newEntry(TPL);
      T.timeout[ct] = p.persistence * HZ;
      // Base's scan skips templates, so they are left out of the chains it
      // walks (the same draw keeps every run's random stream as it was).
      const b = randBucket();
      if (patched) T.hash(ct, b);
      templates++;
      if (key >= 0) tplByKey.set(key, ct);
    }
    if (client && !T.isClient[ct]) {
      T.isClient[ct] = 1;
      clientTemplates++;
    }
    arm(ct, now + T.timeout[ct]!, now); // ip_vs_conn_put(ct) re-arms the template
    // One-packet scheduling: the connection is freed at once, never hashed; its
    // packet counts on the template (ip_vs_in_hook(): cp->control->in_pkts).
    if (ops) return void T.inPkts[ct]!++;
    const cp = newEntry(CONN);
    T.hash(cp, randBucket());
    conns++;
    T.control[cp] = ct;
    T.nControl[ct]!++; // ip_vs_control_add()
    // What the exchange leaves (the protocol's data); a client's may assure
    // the template (patched: ip_vs_control_assure_ct()).
    const o = client ? proto.client : proto.flood;
    if (client && answered && proto.client.assures && patched && !(T.state[ct]! & ASSURED)) {
      T.state[ct]! |= ASSURED;
      assured++;
    }
    T.state[cp] = o.state;
    if (o.state === embryonic) synRecv++;
    T.inPkts[cp] = o.inPkts;
    T.timeout[cp] = o.timeoutS * HZ;
    arm(cp, now + T.timeout[cp]!, now);
  }

  const out: SimOutput = {
    t: sampleTimes,
    series: Object.fromEntries(SERIES.map((s) => [s, new Int32Array(sampleTimes.length)])) as Record<SeriesName, Int32Array>,
  };
  const dropActive = p.dropEntry === 3 || ((p.dropEntry === 1 || p.dropEntry === 2) && p.memoryLow);
  const scans = scanClock({
    hz: HZ,
    ...(input.scanTimes ? { traced: toJiffies(input.scanTimes, HZ, Math.floor) } : {}),
    ...(input.scanLatency ? { latency: input.scanLatency } : {}),
    next32: () => rng.unsafeNext() >>> 0,
    rand,
    wheelFire,
  });
  let nextScan = scans.first;
  let fi = 0;
  let ci = 0;
  let si = 0;
  const { clientSrc, floodSrc, clientAnswered } = arrivals;
  const floodJ = J.flood;
  const clientJ = J.clients;
  const sampleJ = J.samples;
  for (let j = 0; j <= end && si < sampleJ.length; ) {
    // Timer softirq first: the list for this jiffy, newest first. Timers armed
    // while it runs land in later jiffies.
    for (let node = cal.first(j); node !== -1; node = cal.nextOf(node)) {
      const e = cal.entryOf(node);
      if (T.pending[e] && cal.genOf(node) === T.gen[e]) {
        T.pending[e] = 0;
        expire(e, j);
      }
    }
    while (fi < floodJ.length && floodJ[fi]! <= j) {
      arrive(j, floodSrc ? floodSrc[fi]! : -1, false);
      fi++;
    }
    while (ci < clientJ.length && clientJ[ci]! <= j) {
      arrive(j, clientSrc[ci]!, true, clientAnswered ? clientAnswered[ci] === 1 : true);
      ci++;
    }
    if (j === nextScan) {
      if (dropActive) scan(j);
      nextScan = scans.after(j);
    }
    // A sample sees the table as it is at the end of its jiffy.
    while (si < sampleJ.length && sampleJ[si]! <= j) {
      out.series.conns[si] = conns;
      out.series.synRecv[si] = synRecv;
      out.series.templates[si] = templates;
      out.series.assured[si] = assured;
      out.series.clientTemplates[si] = clientTemplates;
      out.series.floodTemplates[si] = templates - clientTemplates;
      out.series.added[si] = added;
      out.series.removed[si] = removed;
      added = removed = 0;
      si++;
    }
    // Skip the jiffies where nothing happens: no timer, arrival, scan or sample.
    let limit = nextScan;
    if (fi < floodJ.length && floodJ[fi]! < limit) limit = floodJ[fi]!;
    if (ci < clientJ.length && clientJ[ci]! < limit) limit = clientJ[ci]!;
    if (si < sampleJ.length && sampleJ[si]! < limit) limit = sampleJ[si]!;
    if (limit > end) limit = end + 1;
    j++;
    while (j < limit && cal.first(j) === -1) j++;
  }
  return out;
}
