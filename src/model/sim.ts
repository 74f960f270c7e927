// Pure: one seeded run of the IPVS connection table, following net/netfilter/ipvs
// of linux 6.1 (patched = as shipped; base = the series reverted, see
// fixtures/patches/ipvs-template-drop/README.md). Time is in jiffies; timers fire
// when kernel/time/timer.c would fire them (level rounding, newest first within
// a bucket). Entries live in typed arrays: no per-entry objects in the hot loop.
// This file is the event loop; the table and what changes it are ./sim-state.ts,
// what the series changes is ./variant-rules.ts.
import { Calendar } from './calendar.ts';
import { Table } from './table.ts';
import { KeyIndex } from './key-index.ts';
import { SERIES, type Arrivals, type ModelParams, type SeriesName, type SimOutput } from './params.ts';
import { dropEntryOn, scanClock } from './defense.ts';
import { SimState } from './sim-state.ts';
import { RULES } from './variant-rules.ts';

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

/** The run's state on the spare table, calendar and key index, sized for its arrivals. */
function stateFor(input: SimInput, end: number): SimState {
  const p = input.params;
  const nArr = input.arrivals.flood.length + input.arrivals.clientTimes.length;
  const T = tableFor(2 * nArr + 8, 2 ** p.tabBits);
  const cal = calendarFor(end, 4 * nArr + 64);
  return new SimState(p, RULES[p.variant], input.seed, T, cal, keysFor(nArr));
}

/** A sample: the table as it is now; the churn since the previous one. */
function record(s: SimState, out: SimOutput, si: number): void {
  out.series.conns[si] = s.conns;
  out.series.synRecv[si] = s.synRecv;
  out.series.templates[si] = s.templates;
  out.series.assured[si] = s.assured;
  out.series.clientTemplates[si] = s.clientTemplates;
  out.series.floodTemplates[si] = s.templates - s.clientTemplates;
  out.series.added[si] = s.added;
  out.series.removed[si] = s.removed;
  s.added = s.removed = 0;
}

/** Timer softirq: the list for this jiffy, newest first. Timers armed while it runs land in later jiffies. */
function fireTimers(s: SimState, j: number): void {
  const { T, cal } = s;
  for (let node = cal.first(j); node !== -1; node = cal.nextOf(node)) {
    const e = cal.entryOf(node);
    if (T.pending[e] && cal.genOf(node) === T.gen[e]) {
      T.pending[e] = 0;
      s.expire(e, j);
    }
  }
}


export function simulate(input: SimInput): SimOutput {
  const { params: p, arrivals, sampleTimes } = input;
  const HZ = p.hz;
  const J = input.jiffies ?? prepareJiffies(arrivals, sampleTimes, HZ);
  // The last sample's jiffy (a drawn sample time may lie after its nominal one).
  const lastSample = sampleTimes.length > 0 ? sampleTimes[sampleTimes.length - 1]! : 0;
  const end = Math.max(Math.ceil(lastSample * HZ), J.samples.length > 0 ? J.samples[J.samples.length - 1]! : 0) + 1;
  const s = stateFor(input, end);
  const out: SimOutput = {
    t: sampleTimes,
    series: Object.fromEntries(SERIES.map((n) => [n, new Int32Array(sampleTimes.length)])) as Record<SeriesName, Int32Array>,
  };
  const scanning = dropEntryOn(p);
  const scans = scanClock({
    hz: HZ,
    ...(input.scanTimes ? { traced: toJiffies(input.scanTimes, HZ, Math.floor) } : {}),
    ...(input.scanLatency ? { latency: input.scanLatency } : {}),
    next32: () => s.rng.unsafeNext() >>> 0,
    rand: (n) => s.rand(n),
    wheelFire: (expires, now) => s.wheelFire(expires, now),
  });
  let nextScan = scans.first;
  let fi = 0;
  let ci = 0;
  let si = 0;
  const { clientSrc, floodSrc, clientAnswered, clientConn } = arrivals;
  const { flood: floodJ, clients: clientJ, samples: sampleJ } = J;
  for (let j = 0; j <= end && si < sampleJ.length; ) {
    fireTimers(s, j);
    for (; fi < floodJ.length && floodJ[fi]! <= j; fi++) s.arrive(j, floodSrc ? floodSrc[fi]! : -1, false);
    for (; ci < clientJ.length && clientJ[ci]! <= j; ci++) s.arrive(j, clientSrc[ci]!, true, clientAnswered ? clientAnswered[ci] === 1 : true, clientConn ? clientConn[ci]! : -1);
    if (j === nextScan) {
      if (scanning) s.scan(j);
      nextScan = scans.after(j);
    }
    // A sample sees the table as it is at the end of its jiffy.
    for (; si < sampleJ.length && sampleJ[si]! <= j; si++) record(s, out, si);
    // Skip the jiffies where nothing happens: no timer, arrival, scan or sample.
    let limit = nextScan;
    if (fi < floodJ.length && floodJ[fi]! < limit) limit = floodJ[fi]!;
    if (ci < clientJ.length && clientJ[ci]! < limit) limit = clientJ[ci]!;
    if (si < sampleJ.length && sampleJ[si]! < limit) limit = sampleJ[si]!;
    if (limit > end) limit = end + 1;
    j++;
    while (j < limit && s.cal.first(j) === -1) j++;
  }
  out.dropLines = s.dropLines;
  return out;
}
