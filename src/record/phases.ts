// Pure: where a guest run's wall time went, from when each line of the results
// channel reached the host (the watchdog sees the file grow, every 200 ms) and
// the guest times the agent put in its records.

/** The results file's size at a wall time (seconds since QEMU started). */
export interface Growth {
  size: number;
  wall: number;
}

export interface Phases {
  /** QEMU start to the agent's first record: firmware, kernel, init. */
  bootWall: number;
  /** Namespaces, links, IPVS service: agent-start to ready. */
  setupWall: number;
  /** ready to done: the scenario, and the guest seconds it covered. */
  scenarioWall: number;
  scenarioGuest: number;
  /** Guest seconds per wall second over the scenario (time warp skips idle time). */
  warp: number;
  /** The flood's replay: flood-start to flood-end. */
  floodWall: number;
  floodGuest: number;
  /** Guest seconds the sampler spent reading the tables (sum of te - t). */
  samplingGuest: number;
  samples: number;
  /** done to QEMU's exit: the template dump, the agent's exit, the reboot. */
  endWall: number;
  totalWall: number;
}

const round = (x: number) => Math.round(x * 100) / 100;

export function wallPhases(text: string, growth: Growth[], totalWall: number): Phases | undefined {
  const wallOf = new Map<string, number>();
  const guestOf = new Map<string, number>();
  let samplingGuest = 0;
  let samples = 0;
  let offset = 0;
  let g = 0;
  for (const line of text.split('\n')) {
    offset += Buffer.byteLength(line) + 1;
    let r: { type?: string; name?: string; t?: number; te?: number };
    try {
      r = JSON.parse(line);
    } catch {
      continue;
    }
    if (r.type === 'sample' && typeof r.t === 'number' && typeof r.te === 'number') {
      samplingGuest += r.te - r.t;
      samples++;
    }
    const name = r.type === 'event' ? r.name : r.type === 'exit' ? 'exit' : undefined;
    if (!name || wallOf.has(name) || typeof r.t !== 'number') continue;
    while (g < growth.length - 1 && growth[g]!.size < offset - 1) g++;
    wallOf.set(name, growth[g]?.wall ?? totalWall);
    guestOf.set(name, r.t);
  }
  const w = (n: string) => wallOf.get(n);
  const t = (n: string) => guestOf.get(n);
  if (w('agent-start') === undefined || w('ready') === undefined || w('done') === undefined) return undefined;
  const scenarioWall = w('done')! - w('ready')!;
  const scenarioGuest = t('done')! - t('ready')!;
  return {
    bootWall: round(w('agent-start')!),
    setupWall: round(w('ready')! - w('agent-start')!),
    scenarioWall: round(scenarioWall),
    scenarioGuest: round(scenarioGuest),
    warp: round(scenarioWall > 0 ? scenarioGuest / scenarioWall : 0),
    floodWall: round((w('flood-end') ?? 0) - (w('flood-start') ?? 0)),
    floodGuest: round((t('flood-end') ?? 0) - (t('flood-start') ?? 0)),
    samplingGuest: round(samplingGuest),
    samples,
    endWall: round(totalWall - w('done')!),
    totalWall: round(totalWall),
  };
}
