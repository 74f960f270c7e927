// One variant's run: its initramfs (guest tools + agent + the scenario's plan),
// one guest boot, and the records the agent sent back.
import { collectCoverage } from '../coverage/collect.ts';
import type { LineCounts } from '../coverage/hunks.ts';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { kernelError } from '../errors.ts';
import { checkDirectorOutput } from '../record/director-output.ts';
import { forwardingOf } from '../forwarding/index.ts';
import { buildInitramfs } from '../guest/initramfs.ts';
import { guestTools } from '../guest/initramfs-plan.ts';
import { runGuest, type GuestRun } from '../qemu/run.ts';
import type { Accel } from '../qemu/args.ts';
import type { BuiltKernel } from '../kbuild/kernel.ts';
import type { Scenario } from '../scenario/schema.ts';
import { scenarioCmdline } from '../guest/plan/cmdline.ts';
import { guestPlan } from '../guest/plan/index.ts';
import { writePlan } from '../guest/plan/write.ts';
import { FLOOD_PCAP } from '../guest/plan/paths.ts';
import { withClientLogs } from '../observe/client-log.ts';
import { floodSpecOf, protocolOf } from '../scenario/schema.ts';
import { ATTACKER_MAC, DIRECTOR_MAC, VIP, VIP6 } from '../scenario/topology.ts';
import { floodPlan } from '../flood/plan.ts';
import { floodPcap } from '../flood/pcap.ts';
import { parseIpv4 } from '../flood/addr.ts';
import { parseIpv6 } from '../flood/addr6.ts';
import { createHash } from 'node:crypto';

export interface VariantRunOptions {
  variant: string;
  kernel: BuiltKernel;
  scenario: Scenario;
  /** The run record's (temporary) directory. */
  dir: string;
  arch: string;
  accel: Accel;
  warp: boolean;
  /** Extra kernel command line arguments (after ours: the kernel takes the last of a repeated one). */
  kernelArgs?: string[];
  /** Wall seconds to wait for the agent's first report (default: watchdogFor's). */
  bootTimeout?: number;
  /** --coverage: the guest sends its gcov data at the end; counted against the build's .gcno files. */
  coverage?: { gcnoDir: string; touched: string[] };
  log: (s: string) => void;
}

export interface VariantRun extends GuestRun {
  variant: string;
  consoleLog: string;
  resultsFile: string;
  /** The flood's packets as replayed (made again from the scenario and its seed). */
  flood: { packets: number; pcapSha256: string };
  /** --coverage: line counts of the files the series touches, and how many .gcda files they came from. */
  coverage?: { counts: LineCounts; gcda: number };
}

/** Watchdog budget: real time for the scenario plus boot, with room for a slow TCG host. */
function watchdogFor(s: Scenario, accel: Accel, warp: boolean) {
  const slow = accel === 'tcg' && !warp ? 3 : 2;
  return { totalSeconds: Math.ceil(120 + s.duration * slow), silentSeconds: 90, bootSeconds: 120 };
}

export async function runVariant(o: VariantRunOptions): Promise<VariantRun> {
  // The plan is kept with the record: what the guest was told to do.
  const plan = await writePlan(join(o.dir, `plan-${o.variant}`), guestPlan(o.scenario, { coverage: o.coverage !== undefined }));
  const pcap = join(o.dir, `flood-${o.variant}.pcap`);
  const frames = floodPcap(
    floodPlan(floodSpecOf(o.scenario)),
    { srcMac: ATTACKER_MAC, dstMac: DIRECTOR_MAC, dst: parseIpv4(VIP)!, dst6: parseIpv6(VIP6)!, dport: o.scenario.service.port },
    protocolOf(o.scenario),
  );
  await writeFile(pcap, frames);
  const flood = { packets: o.scenario.flood.count, pcapSha256: createHash('sha256').update(frames).digest('hex') };
  const initrd = join(o.dir, `initramfs-${o.variant}.cpio`);
  await buildInitramfs({
    genInitCpio: o.kernel.genInitCpio,
    tools: guestTools({ protocol: protocolOf(o.scenario) }),
    extra: [...plan, { guest: FLOOD_PCAP, host: pcap, mode: 0o644 }],
    out: initrd,
  });
  const consoleLog = join(o.dir, `console-${o.variant}.log`);
  const resultsFile = join(o.dir, `results-${o.variant}.jsonl`);
  o.log(`[run ${o.variant}] booting (${o.accel}${o.warp ? ', time warp' : ''}), scenario ${o.scenario.name}, ${o.scenario.duration} guest-s`);
  const guest = await runGuest(
    {
      arch: o.arch,
      accel: o.accel,
      warp: o.warp,
      kernel: o.kernel.image,
      initrd,
      cmdline: [...scenarioCmdline(o.scenario), ...(o.kernelArgs ?? [])],
      consoleLog,
      resultsFile,
      memoryMiB: 512,
      ...(o.coverage ? { coverageFile: join(o.dir, `gcov-${o.variant}.b64`) } : {}),
    },
    { ...watchdogFor(o.scenario, o.accel, o.warp), ...(o.bootTimeout ? { bootSeconds: o.bootTimeout } : {}) },
    o.log,
  );
  // The clients' logs, read here (the protocol's parseClientLog()).
  const run = { ...guest, results: withClientLogs(guest.results, protocolOf(o.scenario)) };
  if (run.results.exit && run.results.exit.code !== 0) {
    const err = run.results.records.find((r) => r.type === 'event' && r.name === 'error');
    throw kernelError(
      `the guest agent failed (exit ${run.results.exit.code})${err ? `: ${JSON.stringify(err)}` : ''}; console log: ${consoleLog}`,
      { evidence: consoleLog },
    );
  }
  // DR and TUN: no answer may have crossed the director (its IPVS saw no output packet).
  checkDirectorOutput(forwardingOf(o.scenario), run.results, resultsFile);
  // The archive is rebuilt in a second from its spec (kept): not worth 13 MB a
  // run; the flood's packets are made again from the scenario (their hash is kept).
  await rm(initrd, { force: true });
  await rm(pcap, { force: true });
  o.log(`[run ${o.variant}] done in ${run.wallSeconds.toFixed(1)} s wall`);
  if (o.coverage) {
    const coverage = await collectCoverage(join(o.dir, `gcov-${o.variant}.b64`), o.coverage.gcnoDir, o.coverage.touched);
    o.log(`[run ${o.variant}] gcov: ${coverage.gcda} object(s) counted`);
    return { ...run, variant: o.variant, consoleLog, resultsFile, flood, coverage };
  }
  return { ...run, variant: o.variant, consoleLog, resultsFile, flood };
}
