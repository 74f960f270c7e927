// What a run record's metadata.json says about its inputs (tuxmake-style: every
// input of the run) and about each variant's kernel and guest run.
import { tableSizeFromText, reportedTableSize } from './table-size.ts';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { execa } from 'execa';
import { touchedFiles, type SeriesPatch } from '../series/read.ts';
import { configHash } from '../kbuild/key.ts';
import { toolchain, type BuiltKernel } from '../kbuild/kernel.ts';
import type { KernelSource } from '../source/resolve.ts';
import type { Fragment } from '../kconfig/merge.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { VariantSummary } from '../observe/summary.ts';
import type { VariantRun } from '../pipeline/variant.ts';
import { DEFAULT_QEMU } from '../qemu/args.ts';
import { sysctlPlan } from '../guest/plan/sysctls.ts';
import { DIRECTOR } from '../guest/plan/nodes.ts';

const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

/** First line each tool prints of its version: what the guest and the build ran with. */
async function versions(): Promise<Record<string, string>> {
  const v = async (cmd: string, args: string[]) =>
    (await execa(cmd, args, { reject: false, all: true })).all?.split('\n').find((l) => l.trim() !== '')?.trim() ?? 'unknown';
  return {
    node: process.version,
    qemu: await v(DEFAULT_QEMU, ['--version']),
    ipvsadm: await v('ipvsadm', ['--version']),
    hping3: await v('hping3', ['--version']),
    busybox: (await v('busybox', ['--help'])).split(' ').slice(0, 2).join(' '),
    toolchain: (await toolchain()).join(' | '),
  };
}

export interface RunInputs {
  scenarioPath: string;
  scenario: Scenario;
  source: KernelSource;
  sourceHasSeries: boolean;
  series: SeriesPatch[];
  fragments: Fragment[];
  config: string;
  arch: string;
  kernelArgs: string[];
  seed: number;
  modelRuns: number;
}

export type Metadata = Record<string, unknown> & { variants: Record<string, unknown> };

/**
 * Pure: the director's net.ipv4.vs sysctls as the guest's plan writes them
 * (src/guest/plan/sysctls.ts), by key. The agent reads none back, so these are
 * the values written; the kernel may move the defense modes on its own
 * (update_defense_level(): drop_entry and secure_tcp 2 become 1 while free
 * memory is above amemthresh), which the samples' free memory says.
 */
export const directorIpvsSysctls = (s: Scenario): Record<string, string | number> =>
  Object.fromEntries(sysctlPlan(s, []).filter((x) => x.ns === DIRECTOR && x.key.startsWith('net.ipv4.vs.')).map((x) => [x.key, x.value]));

/**
 * The record's metadata before anything is built: every input, by content. The
 * accelerator (accel, accelRequested, accelChoice, timeWarp) is added once KVM
 * has been probed with a built kernel.
 */
export async function inputsMetadata(i: RunInputs): Promise<Metadata> {
  return {
    tool: 'ipvs-verify',
    startedAt: new Date().toISOString(),
    scenario: { path: i.scenarioPath, sha256: sha(await readFile(i.scenarioPath)), value: i.scenario },
    directorSysctls: { source: 'plan', values: directorIpvsSysctls(i.scenario) },
    source: { description: i.source.description, id: i.source.id, carriesSeries: i.sourceHasSeries, ...(i.source.debian ? { debian: i.source.debian } : {}) },
    series: i.series.map((p) => ({ origin: p.origin, subject: p.subject, files: p.files, sha256: sha(p.diff) })),
    touchedFiles: touchedFiles(i.series),
    config: { fragments: i.fragments.map((f) => ({ name: f.name, sha256: sha(f.text) })), hash: configHash(i.config) },
    arch: i.arch,
    kernelArgs: i.kernelArgs,
    model: { seed: i.seed, runs: i.modelRuns },
    versions: await versions(),
    variants: {},
  };
}

/** Pure: one variant's entry: its kernel, how QEMU ran, what the channel carried. */
export function variantMetadata(kernel: BuiltKernel, run: VariantRun, summary: VariantSummary, requestedBits: number, consoleText: string) {
  return {
    // What was asked for, and what the kernel made (its console; /proc/net/ip_vs, which the model uses).
    connTable: { requestedBits, consoleSize: tableSizeFromText(consoleText) ?? null, procSize: reportedTableSize(run.results) ?? null },
    // hz: the judge's jiffy (src/pipeline/judge-record.ts reads it back).
    kernel: { key: kernel.key, built: kernel.built, buildSeconds: kernel.seconds, image: kernel.image, hz: kernel.hz },
    qemu: run.command,
    wallSeconds: run.wallSeconds,
    bootToAgentSeconds: run.bootToAgentSeconds,
    phases: run.phases,
    flood: run.flood,
    damage: run.results.damage,
    summary,
  };
}
