// The accelerator of every guest this process boots: chooseAccel's decision on
// the state of KVM, probed once per host boot. The probe's answer is kept in the
// cache keyed by /proc/sys/kernel/random/boot_id, so a suite or a bisection pays
// for it once; an entry from another boot, or one that does not parse, is probed
// again. Within a process the answer is memoised and its note printed once.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { atomicWriteFile, cacheRoot } from '../cache.ts';
import { infraError } from '../errors.ts';
import { DEFAULT_QEMU, chooseAccel, type Accel, type AccelRequest, type KvmState } from './args.ts';
import { openKvm, probeKvm, type ProbeOptions } from './kvm-probe.ts';

const PROBE_SECONDS = 5;

/** What the run record keeps of the choice. */
export interface AccelRecord {
  requested: AccelRequest;
  accel: Accel;
  /** Absent when TCG was asked for: KVM was not looked at. */
  kvm?: KvmState & { probed: boolean; cached: boolean; probedAt?: string };
  /** Why KVM was not used, when it was asked for (auto) and not used. */
  note?: string;
}

/** 2: the probe waits for the end of the kernel's boot (1 took its banner, which proves nothing under PVH). */
const CACHE_VERSION = 2;

interface CacheEntry {
  version: typeof CACHE_VERSION;
  bootId: string;
  qemu: string;
  state: KvmState;
  probedAt: string;
}

export interface ResolveOptions {
  kernel: string;
  arch: string;
  log: (s: string) => void;
  /** Tests: the cache file, the boot id, the QEMU binary, the device, the timeout. */
  cacheFile?: string;
  bootId?: string;
  command?: string;
  device?: string;
  timeoutSeconds?: number;
  /** Probe again even with a cached answer (doctor). */
  fresh?: boolean;
}

const defaultProbeCache = () => join(cacheRoot(), 'host', 'kvm-probe.json');

async function currentBootId(): Promise<string> {
  return (await readFile('/proc/sys/kernel/random/boot_id', 'utf8').catch(() => 'unknown')).trim();
}

/** Pure: the cached state, if the entry is whole, of this boot and of this QEMU. */
export function validEntry(text: string | undefined, bootId: string, qemu: string): (KvmState & { probedAt: string }) | undefined {
  if (text === undefined) return undefined;
  let e: Partial<CacheEntry>;
  try {
    e = JSON.parse(text) as Partial<CacheEntry>;
  } catch {
    return undefined;
  }
  if (e?.version !== CACHE_VERSION || e.bootId !== bootId || e.qemu !== qemu || typeof e.probedAt !== 'string') return undefined;
  const s = e.state;
  if (!s || typeof s.detail !== 'string') return undefined;
  if (s.status === 'broken') return { status: 'broken', detail: s.detail, probedAt: e.probedAt };
  if (s.status === 'runs' && typeof s.seconds === 'number') return { status: 'runs', detail: s.detail, seconds: s.seconds, probedAt: e.probedAt };
  return undefined;
}

let memo: Promise<NonNullable<AccelRecord['kvm']>> | undefined;
let noted = false;

/** Forget the process's answer (tests). */
export function resetAccelMemo(): void {
  memo = undefined;
  noted = false;
}

type Known = Pick<ResolveOptions, 'cacheFile' | 'bootId' | 'command' | 'device'>;

/** What is known without booting anything: the device's state, else this boot's cached probe (or nothing). */
async function knownKvmState(o: Known): Promise<NonNullable<AccelRecord['kvm']> | undefined> {
  const dev = await openKvm(o.device);
  if (!dev.ok) return { status: 'unavailable', detail: dev.detail, probed: false, cached: false };
  const text = await readFile(o.cacheFile ?? defaultProbeCache(), 'utf8').catch(() => undefined);
  const hit = validEntry(text, o.bootId ?? (await currentBootId()), o.command ?? DEFAULT_QEMU);
  return hit && { ...hit, probed: true, cached: true };
}

/** The state of KVM: the device, then this boot's cached probe, else a probe with `o.kernel`. */
export async function kvmState(o: ResolveOptions): Promise<NonNullable<AccelRecord['kvm']>> {
  if (!o.fresh) {
    const known = await knownKvmState(o);
    if (known) return known;
  }
  const probe: ProbeOptions = { kernel: o.kernel, arch: o.arch, timeoutSeconds: o.timeoutSeconds ?? PROBE_SECONDS };
  if (o.command) probe.command = o.command;
  if (o.device) probe.device = o.device;
  o.log(`accel: probing KVM (booting ${o.kernel} under -accel kvm, up to ${probe.timeoutSeconds} s)`);
  const state = await probeKvm(probe);
  const probedAt = new Date().toISOString();
  if (state.status !== 'unavailable') {
    const file = o.cacheFile ?? defaultProbeCache();
    const entry: CacheEntry = { version: CACHE_VERSION, bootId: o.bootId ?? (await currentBootId()), qemu: o.command ?? DEFAULT_QEMU, state, probedAt };
    await mkdir(dirname(file), { recursive: true });
    await atomicWriteFile(file, JSON.stringify(entry, null, 2) + '\n');
  }
  return { ...state, probed: state.status !== 'unavailable', cached: false, probedAt };
}

/**
 * Before anything is built: an explicit `--accel kvm` that cannot work on this
 * host (no device, or this boot's probe already failed) stops here, in seconds.
 */
export async function precheckAccel(request: AccelRequest, o: Known = {}): Promise<void> {
  if (request !== 'kvm') return;
  const state = await knownKvmState(o);
  if (state && state.status !== 'runs') {
    const c = chooseAccel('kvm', state);
    if ('error' in c) throw infraError(c.error);
  }
}

/**
 * The accelerator for the guests of this process: TCG if asked; else KVM's
 * state (memoised) through chooseAccel. `--accel kvm` on a KVM that does not
 * run guests is an infrastructure failure (exit 125) here, in seconds, not
 * after a watchdog.
 */
export async function resolveAccel(request: AccelRequest, o: ResolveOptions): Promise<AccelRecord> {
  if (request === 'tcg') return { requested: 'tcg', accel: 'tcg' };
  memo ??= kvmState(o).catch((e) => {
    memo = undefined;
    throw e;
  });
  const kvm = await memo;
  const choice = chooseAccel(request, kvm);
  if ('error' in choice) throw infraError(choice.error);
  const rec: AccelRecord = { requested: request, accel: choice.accel, kvm };
  if (choice.note) {
    rec.note = choice.note;
    if (!noted) o.log(choice.note);
    noted = true;
  }
  return rec;
}
