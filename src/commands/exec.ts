// `ipvs-verify exec`: the inputs as for verify, the one variant's kernel (built
// or from the cache), then the command in the guest.
import { basename, join, resolve } from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { touchedFiles } from '../series/read.ts';
import { gcovFlavour, variantTexts } from '../kbuild/coverage.ts';
import { collectCoverage } from '../coverage/collect.ts';
import { seriesCoverage, coverageLine, coverageTable } from '../coverage/hunks.ts';
import { exists } from '../cache.ts';
import { userError } from '../errors.ts';
import { buildKernel } from '../kbuild/kernel.ts';
import type { SourceSpec } from '../source/resolve.ts';
import { DEFAULT_ARCH, type AccelRequest } from '../qemu/args.ts';
import type { Variant } from '../model/params.ts';
import { resolveAccel } from '../qemu/accel.ts';
import { readInputs } from '../pipeline/inputs.ts';
import { execInGuest } from '../pipeline/guest-exec.ts';

export interface ExecCommandOptions {
  argv: string[];
  variant: Variant;
  source: SourceSpec;
  patches?: string[];
  configFragments?: string[];
  /** host:guest pairs. */
  files: string[];
  /** Paths inside the kernel tree, copied to /<basename> in the guest. */
  fromSource?: string[];
  accel: AccelRequest;
  warp: boolean;
  timeoutSeconds: number;
  /** A gcov-instrumented kernel: after the command, which of the series' hunks ran (on stderr). */
  coverage?: boolean;
}

export async function execCommand(o: ExecCommandOptions): Promise<number> {
  const log = (s: string) => process.stderr.write(s + '\n');
  const files = o.files.map((pair) => {
    const i = pair.indexOf(':');
    if (i <= 0 || !pair.slice(i + 1).startsWith('/')) throw userError(`--file wants host:/guest/path, got "${pair}"`);
    return { host: resolve(pair.slice(0, i)), guest: pair.slice(i + 1), mode: 0o755 };
  });
  const arch = DEFAULT_ARCH;
  const inputs = await readInputs({ ...o, arch });
  const { source, derived, config, plainConfig } = await inputs.prepare(log);
  const gcov = o.coverage ? await gcovFlavour(source.dir, touchedFiles(inputs.series)) : undefined;
  for (const p of o.fromSource ?? []) {
    const host = join(source.dir, p);
    if (!(await exists(host))) throw userError(`--from-source: ${p} is not in the kernel tree ${source.dir}`);
    files.push({ host, guest: `/${basename(p)}`, mode: 0o755 });
  }
  const variantFiles = gcov ? new Map([...derived[o.variant], ...gcov.makefiles]) : derived[o.variant];
  const kernel = await buildKernel({ source, variant: o.variant, arch, files: variantFiles, config, log, ...(gcov ? { coverage: { plainConfig, dirs: gcov.dirs } } : {}) });
  const { accel } = await resolveAccel(o.accel, { kernel: kernel.image, arch, log });
  log(`[exec ${o.variant}] ${kernel.built ? 'built' : 'cached'} kernel ${kernel.key}, ${accel}`);
  const coverageDir = gcov ? await mkdtemp(join(tmpdir(), 'ipvs-verify-exec-gcov-')) : undefined;
  const coverageFile = coverageDir ? join(coverageDir, 'gcov.b64') : undefined;
  try {
    const code = await execInGuest({
      kernel,
      arch,
      accel,
      warp: o.warp && accel === 'tcg',
      argv: o.argv,
      timeoutSeconds: o.timeoutSeconds,
      files,
      ...(coverageFile ? { coverageFile } : {}),
      out: (chunk) => process.stdout.write(chunk),
      log,
    });
    if (gcov && coverageFile) {
      // The command's output is stdout; what it reached of the series goes to stderr.
      const { counts } = await collectCoverage(coverageFile, kernel.gcnoDir!, gcov.touched);
      const patches = seriesCoverage({ series: inputs.series, files: await variantTexts(source.dir, derived, gcov.touched), counts: { [o.variant]: counts } });
      log(`${coverageLine(patches)} (${o.variant} only)\n${coverageTable(patches)}`);
    }
    return code;
  } finally {
    if (coverageDir) await rm(coverageDir, { recursive: true, force: true });
  }
}
