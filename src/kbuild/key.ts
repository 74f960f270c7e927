// Pure: the content key of a built kernel. Two builds with the same key are the
// same kernel, so the second is taken from the cache.
import { createHash } from 'node:crypto';

export interface BuildInputs {
  arch: string;
  sourceId: string;
  /** The variant's contents of the files the series touches (null: absent). */
  variantFiles: Map<string, Buffer | null>;
  /** The final .config after merging and olddefconfig. */
  config: string;
  /** `gcc --version` first line, `make --version` first line, and the like. */
  toolchain: string[];
  makeArgs: string[];
}

export function buildKey(i: BuildInputs): string {
  const h = createHash('sha256');
  const field = (name: string, v: string | Buffer) => {
    h.update(`${name}\0${v.length}\0`);
    h.update(v);
  };
  field('arch', i.arch);
  field('source', i.sourceId);
  for (const [path, content] of [...i.variantFiles].sort(([a], [b]) => a.localeCompare(b))) {
    field('file', path);
    field('content', content ?? '\0absent');
  }
  field('config', i.config);
  for (const t of i.toolchain) field('tool', t);
  for (const a of i.makeArgs) field('make', a);
  return h.digest('hex').slice(0, 24);
}

export const configHash = (config: string) => createHash('sha256').update(config).digest('hex').slice(0, 16);
