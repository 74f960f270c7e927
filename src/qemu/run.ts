// Runs one guest: QEMU with a host-side watchdog, then reads what the guest left:
// the console log (panics) and the results channel (the agent's records).
import { open, readFile, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { execa } from 'execa';
import { infraError, kernelError } from '../errors.ts';
import { findTool } from '../host/tools.ts';
import { parseResults, type ParsedResults } from '../record/results.ts';
import { qemuArgs, type QemuPlan } from './args.ts';

export async function kvmUsable(path = '/dev/kvm'): Promise<boolean> {
  try {
    const fh = await open(path, constants.O_RDWR);
    await fh.close();
    return true;
  } catch {
    return false;
  }
}

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

export async function runGuest(plan: QemuPlan, watchdog: Watchdog, log: (s: string) => void): Promise<GuestRun> {
  const { command, args } = qemuArgs(plan);
  await findTool(command);
  const started = Date.now();
  const child = execa(command, args, { reject: false, all: true, stdin: 'ignore' });
  let reason: string | undefined;
  let firstRecordAt: number | undefined;
  let lastSize = 0;
  let lastChange = Date.now();
  const timer = setInterval(async () => {
    const now = Date.now();
    const s = await size(plan.resultsFile);
    if (s !== lastSize) {
      lastSize = s;
      lastChange = now;
      firstRecordAt ??= now;
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
  }, 500);
  const r = await child;
  clearInterval(timer);
  const wallSeconds = (Date.now() - started) / 1000;
  const console = await readFile(plan.consoleLog, 'utf8').catch(() => '');
  const results = parseResults(await readFile(plan.resultsFile, 'utf8').catch(() => ''));
  const panic = findPanic(console);
  if (panic) throw kernelError(`kernel panic in the guest; console log: ${plan.consoleLog}\n${panic}`, { evidence: plan.consoleLog });
  if (reason) throw infraError(`timeout: ${reason}; console log: ${plan.consoleLog}`, { evidence: plan.consoleLog });
  if (r.exitCode !== 0 && !results.exit) {
    throw infraError(`QEMU exited with code ${r.exitCode}: ${(r.all ?? '').trim().slice(-2000)}`, { evidence: plan.consoleLog });
  }
  if (!results.exit) {
    throw kernelError(`the guest stopped without the agent's exit record; console log: ${plan.consoleLog}`, { evidence: plan.consoleLog });
  }
  const out: GuestRun = { results, wallSeconds, command: [command, ...args] };
  if (firstRecordAt !== undefined) out.bootToAgentSeconds = (firstRecordAt - started) / 1000;
  return out;
}
