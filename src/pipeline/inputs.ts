// What every command that boots a kernel resolves first: the series, the
// config fragments, the accelerator, the host tools, the source, the two
// variants' files and the merged config. User errors come out before anything
// is unpacked or built.
import { readdir } from 'node:fs/promises';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveSource, type KernelSource, type SourceSpec } from '../source/resolve.ts';
import { readSeries, type SeriesPatch } from '../series/read.ts';
import { deriveVariants, type SeriesInSource, type Variants } from '../series/apply.ts';
import { applyOver } from '../series/overlay.ts';
import { readFragments, cachedMergeConfig, type Fragment } from '../kconfig/merge.ts';
import type { AccelRequest } from '../qemu/args.ts';
import { precheckAccel } from '../qemu/accel.ts';
import { requireTools, VERIFY_TOOLS, FILE_PACKAGES } from '../host/tools.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_SERIES_DIR = join(ROOT, 'fixtures/patches/ipvs-template-drop');
const COVERAGE_FRAGMENT = join(ROOT, 'kernel-configs/coverage/gcov.config');

export interface InputOptions {
  source: SourceSpec;
  patches?: string[];
  seriesInSource?: SeriesInSource;
  configFragments?: string[];
  accel: AccelRequest;
  arch: string;
  /** Build the gcov flavour (kernel-configs/coverage/): --coverage. */
  coverage?: boolean;
  /** A mutant: one more patch over the patched variant's files (ipvs-verify mutants). */
  mutant?: SeriesPatch;
}

export interface Inputs {
  series: SeriesPatch[];
  fragments: Fragment[];
  /** Resolved (probed) once a kernel exists: resolveAccel in qemu/accel.ts. */
  accelRequested: AccelRequest;
  /** Resolved by prepare(): after the user's input has been checked. */
  prepare: (log: (s: string) => void) => Promise<{ source: KernelSource; derived: Variants; config: string; plainConfig: string }>;
}

async function defaultSeries(): Promise<string[]> {
  return (await readdir(DEFAULT_SERIES_DIR)).filter((f) => f.endsWith('.patch')).sort().map((f) => join(DEFAULT_SERIES_DIR, f));
}

export async function readInputs(o: InputOptions): Promise<Inputs> {
  const series = await readSeries(o.patches && o.patches.length > 0 ? o.patches : await defaultSeries());
  const fragments = await readFragments(undefined, [...(o.configFragments ?? []), ...(o.coverage ? [COVERAGE_FRAGMENT] : [])]);
  await precheckAccel(o.accel);
  return {
    series,
    fragments,
    accelRequested: o.accel,
    prepare: async (log) => {
      await requireTools(
        VERIFY_TOOLS,
        Object.keys(FILE_PACKAGES).filter((f) => o.source.path === undefined || !f.startsWith('/usr/src/')),
      );
      const source = await resolveSource(o.source);
      log(`source: ${source.description} (${source.id})`);
      const derived = await deriveVariants(source.dir, series, o.seriesInSource ?? 'auto');
      log(`series: ${series.length} patch(es), ${derived.sourceHasSeries ? 'carried by the source (base = reverted)' : 'applied to the source (patched = applied)'}`);
      if (o.mutant) {
        derived.patched = await applyOver(source.dir, derived.patched, o.mutant);
        log(`${o.mutant.subject}: applied over the patched variant`);
      }
      const config = await cachedMergeConfig(source.dir, source.id, o.arch, fragments);
      // The gcov flavour's plain twin: its objects seed the instrumented build.
      const plainConfig = o.coverage ? await cachedMergeConfig(source.dir, source.id, o.arch, fragments.filter((f) => f.path !== COVERAGE_FRAGMENT)) : config;
      return { source, derived, config, plainConfig };
    },
  };
}
