// Pure: the model's inputs, either synthesised from a scenario or taken from
// what the guest measured (IPVS's connection counter and the clients' records).
import type { Scenario } from '../scenario/schema.ts';
import { kernelError } from '../errors.ts';
import { samplesOf, type ParsedResults, type ClientResult } from '../record/results.ts';
import type { Arrivals, ModelParams, Variant } from '../model/params.ts';
import type { Uncertainty } from '../model/uncertainty.ts';
import { DEFAULT_HZ, kernelJiffiesAt } from '../model/params.ts';
import { PROTOCOLS } from '../protocols/index.ts';
import { forwardingOf } from '../forwarding/index.ts';
import { floodSpecOf, protocolOf } from '../scenario/schema.ts';
import { clientAddress } from '../scenario/topology.ts';
import { floodPlan } from '../flood/plan.ts';
import { defenseWorkTimes } from '../record/defense-work.ts';
import { modelNetmaskBits, templateKeys } from '../model/template-keys.ts';

export interface ModelInput {
  arrivals: Arrivals;
  sampleTimes: Float64Array;
  /** Guest uptime at model time 0 (0 for a synthesised timeline). */
  origin: number;
  /** What the record cannot time exactly (a run's; a synthesised timeline has none). */
  uncertainty?: Uncertainty;
  /** The sampler's wake-up lateness at each sample (records of the sampler daemon). */
  scanLatency?: { t: Float64Array; late: Float64Array };
  /** When the defense work ran (model seconds), when the guest traced it. */
  scanTimes?: Float64Array;
}

/** Stamped as it is read: the shell loop that reads tcpreplay's lines lags them by less than this. */
const PROGRESS_LATE_S = 0.1;

/**
 * `tabBits`: the table the kernel made (record/table-size.ts), when known; else
 * the scenario's. `hz`: the kernel's CONFIG_HZ as the run record has it; records
 * made before runs recorded it (all of fixtures/runs) were built from
 * kernel-configs/, which sets HZ_250, so they judge at DEFAULT_HZ as they did.
 */
export function paramsFor(s: Scenario, variant: Variant, tabBits?: number, hz = DEFAULT_HZ): ModelParams {
  return {
    variant,
    hz,
    tabBits: tabBits ?? s.kernel.conn_tab_bits,
    persistence: s.service.persistence,
    netmaskBits: modelNetmaskBits(s),
    dropEntry: s.sysctl.drop_entry,
    // The guest has hundreds of MB free; amemthresh is a few MB at most in our scenarios.
    memoryLow: false,
    protocol: protocolOf(s),
    // What the director sees of a flow under the service's forwarding method.
    stateTable: forwardingOf(s).stateTable,
    ops: s.service.ops ?? false,
    ...(s.sync && s.sysctl.sync_version === 0 ? { syncMasterV0: true } : {}),
    // The director's knobs its protocols' tables read (src/model/flood-states.ts); absent: off.
    ...(s.sysctl.secure_tcp === undefined ? {} : { secureTcp: s.sysctl.secure_tcp }),
    ...(s.sysctl.sloppy_tcp ? { sloppyTcp: true } : {}),
    ...(s.sysctl.sloppy_sctp ? { sloppySctp: true } : {}),
    // A scenario's timeline starts at uptime 0; a run's at its origin (modelRequests).
    jiffiesAtZero: kernelJiffiesAt(0, hz),
  };
}

/** The scenario as written: the flood's packets at their planned times, every client on its interval. */
export function arrivalsFromScenario(s: Scenario): ModelInput {
  const plan = floodPlan(floodSpecOf(s));
  const flood = new Float64Array(s.flood.count);
  for (let i = 0; i < s.flood.count; i++) flood[i] = s.flood.start + plan.t[i]!;
  const ct: number[] = [];
  const ids: number[] = [];
  for (let c = 0; c < s.clients.count; c++) {
    for (let t = s.clients.start; t < s.clients.stop; t += s.clients.interval) {
      ct.push(t);
      ids.push(c + 1);
    }
  }
  const order = ct.map((_, i) => i).sort((a, b) => ct[a]! - ct[b]!);
  const keys = templateKeys(s, plan, s.flood.count, order.map((i) => ids[i]!));
  const sampleTimes = new Float64Array(Math.floor(s.duration));
  for (let i = 0; i < sampleTimes.length; i++) sampleTimes[i] = i + 1;
  return {
    arrivals: {
      flood,
      floodSrc: keys.floodSrc,
      clientTimes: Float64Array.from(order.map((i) => ct[i]!)),
      clientIds: Int32Array.from(order.map((i) => ids[i]!)),
      clientSrc: keys.clientSrc,
    },
    sampleTimes,
    origin: 0,
  };
}

/**
 * The flood as the guest saw it: how many connections it made and the guest
 * times it started and finished. A replayed packet plan says how many SYNs went
 * out, each a new connection (no source and port repeat). hping3's flood is
 * counted by IPVS's connection counter at the end less the clients'
 * connections; that counter is the estimator's copy (6.1: refreshed every 2 s),
 * so it can miss the last seconds' connections.
 */
export function floodOf(p: ParsedResults): { start: number; end: number; count: number } | undefined {
  const samples = samplesOf(p);
  const ev = (name: string) => p.records.find((r) => r.type === 'event' && r.name === name) as { t: number; sent?: number } | undefined;
  const start = ev('flood-start');
  const end = ev('flood-end');
  const last = samples.at(-1);
  if (!start || !end || !last) return undefined;
  if (replayedPlan(p) && typeof end.sent === 'number') return { start: start.t, end: end.t, count: end.sent };
  const clients = p.records.filter((r) => r.type === 'client' && r.ok).length;
  const created = Number.parseInt(last.stats.conns ?? '0', 16);
  return { start: start.t, end: end.t, count: Math.max(0, created - clients) };
}

/**
 * The replay's progress: (guest time, packets sent so far), from tcpreplay's
 * once-a-second counts. Its first point is when the replay began, its own
 * elapsed time back from its first count.
 */
export function floodProgress(p: ParsedResults): { t: number; sent: number }[] {
  const ev = p.records.filter((r) => r.type === 'event' && r.name === 'flood-progress') as unknown as { t: number; sent: number; elapsed: number }[];
  if (ev.length === 0) return [];
  return [{ t: ev[0]!.t - ev[0]!.elapsed, sent: 0 }, ...ev.map((e) => ({ t: e.t, sent: e.sent }))];
}

/** Arrival k at the time the progress curve (linear between its points) reaches k + 0.5 packets. */
export function arrivalsAlong(curve: { t: number; sent: number }[], count: number, origin: number): Float64Array {
  const out = new Float64Array(count);
  let seg = 0;
  for (let k = 0; k < count; k++) {
    const target = Math.min(k + 0.5, curve.at(-1)!.sent);
    while (seg < curve.length - 2 && curve[seg + 1]!.sent < target) seg++;
    const a = curve[seg]!;
    const b = curve[Math.min(seg + 1, curve.length - 1)]!;
    const x = b.sent > a.sent ? (target - a.sent) / (b.sent - a.sent) : 1;
    out[k] = a.t + x * (b.t - a.t) - origin;
  }
  return out;
}

/**
 * hping3's records: the flood's connections placed in time by the sampler's count
 * of SYN_RECV entries younger than a second (or, from records without it, spread
 * evenly over the time the flood ran).
 */
function arrivalsFromFresh(samples: ReturnType<typeof samplesOf>, f: { start: number; end: number; count: number }, origin: number): Float64Array {
  const flood = new Float64Array(f.count);
  const fresh = samples.map((s) => s.fresh ?? 0);
  const freshTotal = fresh.reduce((a, b) => a + b, 0);
  if (freshTotal > 0 && samples.every((s) => s.fresh !== undefined)) {
    let k = 0;
    let acc = 0;
    samples.forEach((s, i) => {
      const prevT = i === 0 ? s.t - 1 : samples[i - 1]!.t;
      acc += (fresh[i]! * f.count) / freshTotal;
      const n = Math.round(acc) - k;
      for (let m = 0; m < n && k < f.count; m++, k++) flood[k] = prevT - origin + ((m + 0.5) * (s.t - prevT)) / n;
    });
  } else {
    for (let k = 0; k < f.count; k++) flood[k] = f.start - origin + ((k + 0.5) * (f.end - f.start)) / f.count;
  }
  return flood;
}

/** The bounds the record gives on what it could not time (see uncertainty.ts). */
function uncertaintyOf(samples: ReturnType<typeof samplesOf>, clients: ClientResult[], origin: number, progress: boolean): Uncertainty {
  const u: Uncertainty = { floodLate: progress ? PROGRESS_LATE_S : 0, phaseUnknown: true };
  if (clients.every((c) => typeof c.done === 'number')) u.clientUntil = Float64Array.from(clients, (c) => c.done! - origin);
  if (samples.every((s) => typeof s.te === 'number')) u.sampleUntil = Float64Array.from(samples, (s) => s.te! - origin);
  return u;
}

/** Did the guest replay the harness's own packets (not hping3's random sources)? */
export const replayedPlan = (p: ParsedResults) =>
  p.records.some((r) => r.type === 'event' && r.name === 'flood-start' && (r as { generator?: string }).generator === 'pcap');

/** Client connection keys (SimState.reuse()): client id * 65536 + port, -1 where the log gave no port; none if no log did. */
function connectionKeys(clients: ClientResult[]): Int32Array | undefined {
  if (!clients.some((c) => c.port !== undefined)) return undefined;
  return Int32Array.from(clients, (c) => (c.port === undefined ? -1 : c.client * 65536 + c.port));
}

/**
 * What the guest saw. The flood's connections: a replayed plan's packets, as
 * many as were sent, from the plan's sources in its order, in time along the
 * replay's progress counts; hping3's (older records) as many as IPVS's counter
 * says, timed by the sampler. Each client connection at the time the client
 * reported it: the answered ones, and for UDP (its module's
 * unansweredMakesEntry) the unanswered ones it sent (the request made its
 * entry whether or not the answer came back in time; it assured nothing), not
 * those the client never sent. Each with its source port where the client's
 * log gave one: a request from a port its client used before goes to that
 * entry if it still lives (the model's to say, SimState.reuse()).
 */
export function arrivalsFromRun(p: ParsedResults, scenario?: Scenario): ModelInput {
  const samples = samplesOf(p);
  // (The guest stopped before the scenario's sampling: this kernel cannot be judged.)
  if (samples.length < 2) throw kernelError(`a run needs at least two samples to drive the model; the guest's record has ${samples.length}`);
  const unanswered = scenario !== undefined && PROTOCOLS[protocolOf(scenario)].unansweredMakesEntry;
  const clients = p.records.filter((r): r is ClientResult => r.type === 'client' && (r.ok || (unanswered && r.sent !== false))).sort((a, b) => a.t - b.t);
  const origin = Math.floor(samples[0]!.t) - 1;
  const f = floodOf(p) ?? { start: 0, end: 0, count: 0 };
  const progress = floodProgress(p);
  const scans = defenseWorkTimes(p);
  const flood = progress.length > 0 ? arrivalsAlong(progress, f.count, origin) : arrivalsFromFresh(samples, f, origin);
  const arrivals: Arrivals = {
    flood,
    clientTimes: Float64Array.from(clients.map((c) => c.t - origin)),
    clientIds: Int32Array.from(clients.map((c) => c.client)),
    clientSrc: Uint32Array.from(clients.map((c) => clientAddress(c.client))),
  };
  if (clients.some((c) => !c.ok)) arrivals.clientAnswered = Uint8Array.from(clients, (c) => (c.ok ? 1 : 0));
  const conn = connectionKeys(clients);
  if (conn) arrivals.clientConn = conn;
  if (scenario && replayedPlan(p)) {
    // The packets sent: the plan's first ones; the clients' keys alongside (IPv6: one numbering).
    const keys = templateKeys(scenario, floodPlan(floodSpecOf(scenario)), f.count, arrivals.clientIds);
    arrivals.floodSrc = keys.floodSrc;
    arrivals.clientSrc = keys.clientSrc;
  }
  return {
    arrivals,
    sampleTimes: Float64Array.from(samples.map((s) => s.t - origin)),
    origin,
    uncertainty: uncertaintyOf(samples, clients, origin, progress.length > 0),
    ...(samples.length > 0 && samples.every((s) => typeof s.late === 'number')
      ? { scanLatency: { t: Float64Array.from(samples, (s) => s.t - origin), late: Float64Array.from(samples, (s) => s.late!) } }
      : {}),
    ...(scans ? { scanTimes: Float64Array.from(scans, (x) => x - origin) } : {}),
  };
}
