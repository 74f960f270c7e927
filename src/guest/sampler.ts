// The guest's sampler (vm/sampler.c), compiled static on the host with the
// build's own gcc, once per source and compiler: cached by their content.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { cacheRoot, exists } from '../cache.ts';
import { infraError } from '../errors.ts';
const SAMPLER_SOURCE = resolve(dirname(fileURLToPath(import.meta.url)), '../../vm/sampler.c');

/** Builds under way in this process, by output path: guests started side by side share one. */
const building = new Map<string, Promise<string>>();

export async function buildSampler(): Promise<string> {
  const source = await readFile(SAMPLER_SOURCE);
  const gcc = (await execa('gcc', ['--version'], { reject: false })).stdout.split('\n')[0] ?? '';
  const key = createHash('sha256').update(source).update(gcc).digest('hex').slice(0, 16);
  const dir = join(cacheRoot(), 'guest');
  const out = join(dir, `ipvs-sample-${key}`);
  if (await exists(out)) return out;
  let b = building.get(out);
  if (!b) {
    b = compile(dir, out).finally(() => building.delete(out));
    building.set(out, b);
  }
  return b;
}

async function compile(dir: string, out: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  // Its own name, so that another process compiling the same program at once
  // cannot take it away; the rename into place is atomic either way.
  const tmp = `${out}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const r = await execa('gcc', ['-static', '-O2', '-Wall', '-Werror', '-o', tmp, SAMPLER_SOURCE], { reject: false, all: true });
  if (r.exitCode !== 0) throw infraError(`compiling the guest's sampler (${SAMPLER_SOURCE}) failed: ${r.all}`);
  await rename(tmp, out);
  return out;
}
