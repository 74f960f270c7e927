// Runs one guest: QEMU with a host-side watchdog, then reads what the guest left:
// the console log (panics) and the results channel (the agent's records).
import { open, readFile, stat } from 'node:fs/promises';
import { execa } from 'execa';
import { infraError, kernelError } from '../errors.ts';
import { findTool } from '../host/tools.ts';
import { parseResults, type ParsedResults } from '../record/results.ts';
import { qemuArgs, type QemuPlan } from './args.ts';
import { wallPhases, type Growth, type Phases } from '../record/phases.ts';

export interface Watchdog {
  /** Wall seconds for the whole guest run. */
  totalSeconds: number;
  /** Wall seconds the results channel may stay silent once the guest has booted. */
  silentSeconds: number;
  /** Wall seconds until the agent's first record. */
  bootSeconds: number;
}

export interface GuestRun {
  results: ParsedResults;
  wallSeconds: number;
  /** Wall seconds from QEMU's start to the agent's first record. */
  bootToAgentSeconds?: number;
  /** Where the wall time went (boot, setup, scenario, flood, sampling). */
  phases?: Phases;
  command: string[];
}

/** The panic message and the lines before it, from a console log. */
export function findPanic(console: string): string | undefined {
  const lines = console.split('\n');
  const i = lines.findIndex((l) => /Kernel panic - not syncing|BUG: kernel NULL pointer|general protection fault/.test(l));
  if (i < 0) return undefined;
  return lines.slice(Math.max(0, i - 15), i + 5).join('\n');
}

const size = (p: string) => stat(p).then((s) => s.size, () => 0);

export interface Booted {
  /** Why the watchdog stopped QEMU, if it did. */
  reason?: string;
  qemuExit: number | undefined;
  qemuOutput: string;
  wallSeconds: number;
  firstOutputAt?: number;
  /** When the results file grew: wall seconds since QEMU started, and its size then. */
  growth: Growth[];
  console: string;
  command: string[];
}

/**
 * Runs QEMU under the watchdog until it exits. `onOutput` sees the results
 * channel as it grows (exec streams a command's output through it).
 */
export async function bootGuest(
  plan: QemuPlan,
  watchdog: Watchdog,
  log: (s: string) => void,
  onOutput?: (chunk: Buffer) => void,
): Promise<Booted> {
  const { command, args } = qemuArgs(plan);
  await findTool(command);
  const started = Date.now();
  const child = execa(command, args, { reject: false, all: true, stdin: 'ignore' });
  let reason: string | undefined;
  let firstRecordAt: number | undefined;
  let lastSize = 0;
  let lastChange = Date.now();
  const growth: Growth[] = [];
  let streamed = 0;
  const stream = async () => {
    if (!onOutput) return;
    const fh = await open(plan.resultsFile, 'r').catch(() => undefined);
    if (!fh) return;
    try {
      for (;;) {
        const buf = Buffer.alloc(65536);
        const { bytesRead } = await fh.read(buf, 0, buf.length, streamed);
        if (bytesRead === 0) break;
        streamed += bytesRead;
        onOutput(buf.subarray(0, bytesRead));
      }
    } finally {
      await fh.close();
    }
  };
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      const now = Date.now();
      const s = await size(plan.resultsFile);
      if (s !== lastSize) {
        lastSize = s;
        lastChange = now;
        growth.push({ size: s, wall: (now - started) / 1000 });
        firstRecordAt ??= now;
        await stream();
      }
      const elapsed = (now - started) / 1000;
      if (elapsed > watchdog.totalSeconds) reason = `the guest overran its ${watchdog.totalSeconds} s budget`;
      else if (firstRecordAt === undefined && elapsed > watchdog.bootSeconds)
        reason = `no report from the guest agent within ${watchdog.bootSeconds} s of starting QEMU`;
      else if (firstRecordAt !== undefined && (now - lastChange) / 1000 > watchdog.silentSeconds)
        reason = `the guest agent went silent for ${watchdog.silentSeconds} s`;
      if (reason) {
        log(`watchdog: ${reason}; stopping QEMU`);
        child.kill('SIGKILL');
      }
    } finally {
      busy = false;
    }
  }, 50); // 50 ms: the resolution of bootToAgentSeconds and of the phases (a stat a tick)
  const r = await child;
  clearInterval(timer);
  while (busy) await new Promise((res) => setTimeout(res, 20));
  await stream();
  const out: Booted = {
    qemuExit: r.exitCode,
    qemuOutput: (r.all ?? '').trim(),
    wallSeconds: (Date.now() - started) / 1000,
    growth,
    console: await readFile(plan.consoleLog, 'utf8').catch(() => ''),
    command: [command, ...args],
  };
  if (reason) out.reason = reason;
  if (firstRecordAt !== undefined) out.firstOutputAt = (firstRecordAt - started) / 1000;
  return out;
}

/** Panics first, then the watchdog, then QEMU itself: the order in which they explain a failed boot. */
export function bootFailure(b: Booted, plan: QemuPlan, agentDone: boolean): Error | undefined {
  const panic = findPanic(b.console);
  if (panic) return kernelError(`kernel panic in the guest; console log: ${plan.consoleLog}\n${panic}`, { evidence: plan.consoleLog });
  if (b.reason) {
    // A guest that printed nothing at all never reached the kernel: name the accelerator.
    const silent = b.console.trim() === ''
      ? `; the guest printed nothing on its console under ${plan.accel.toUpperCase()}${plan.accel === 'kvm' ? ' (a KVM that does not run guests looks like this: try --accel tcg)' : ''}`
      : '';
    return infraError(`timeout: ${b.reason}${silent}; console log: ${plan.consoleLog}`, { evidence: plan.consoleLog });
  }
  if (b.qemuExit !== 0 && !agentDone) {
    return infraError(`QEMU exited with code ${b.qemuExit}: ${b.qemuOutput.slice(-2000)}`, { evidence: plan.consoleLog });
  }
  if (!agentDone) {
    return kernelError(`the guest stopped without the agent's exit record; console log: ${plan.consoleLog}`, { evidence: plan.consoleLog });
  }
  return undefined;
}

export async function runGuest(plan: QemuPlan, watchdog: Watchdog, log: (s: string) => void): Promise<GuestRun> {
  const b = await bootGuest(plan, watchdog, log);
  const text = await readFile(plan.resultsFile, 'utf8').catch(() => '');
  const results = parseResults(text);
  const failure = bootFailure(b, plan, results.exit !== undefined);
  if (failure) throw failure;
  const wallSeconds = b.wallSeconds;
  const firstRecordAt = b.firstOutputAt;
  const out: GuestRun = { results, wallSeconds, command: b.command };
  if (firstRecordAt !== undefined) out.bootToAgentSeconds = firstRecordAt;
  // The file's last size is the whole text: the final growth is at QEMU's exit.
  const phases = wallPhases(text, [...b.growth, { size: Buffer.byteLength(text), wall: wallSeconds }], wallSeconds);
  if (phases) out.phases = phases;
  return out;
}
