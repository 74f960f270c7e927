// Pure: which scenario a fuzz case is, from the campaign's seed and the case's
// index alone (so a shard, a resumed run and a replay draw the same one), and
// the scenario at a shrink path (fast-check's counterexamplePath).
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { scenarioArbitrary } from './arbitrary.ts';
import type { Scenario } from '../scenario/schema.ts';
import { userError } from '../errors.ts';

/**
 * The case's fast-check seed: the campaign's seed and the index mixed
 * (murmur3's 32-bit finaliser), not consecutive integers: neighbouring cases'
 * generators then start far apart.
 */
export function caseSeed(seed: number, index: number): number {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) + index) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) & 0x7fffffff;
}

/** The case's scenario name (and directory): fuzz-0007. */
export const caseName = (index: number) => `fuzz-${String(index).padStart(4, '0')}`;

/** JSON with its keys sorted, at every depth. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** A scenario's content hash (its name left out): equal scenarios, one hash. */
export function scenarioHash(s: Scenario): string {
  const { name: _name, ...content } = s;
  return createHash('sha256').update(canonical(content)).digest('hex').slice(0, 16);
}

/**
 * The scenario fast-check gives a property run from `seed` (numRuns 1: the
 * case's first draw), or the one at `path` of its shrink tree: the property
 * fails at once there, so the counterexample is that node's value.
 */
export function scenarioAt(seed: number, name: string, path?: string): Scenario {
  let seen: Scenario | undefined;
  const details = fc.check(
    fc.property(scenarioArbitrary(name), (s) => {
      seen = s;
      return false;
    }),
    { seed, numRuns: 1, endOnFailure: true, ...(path ? { path } : {}) },
  );
  if (!details.failed || !seen) throw userError(`no scenario at seed ${seed}${path ? ` path ${path}` : ''}`);
  return details.counterexample![0];
}

/** "--replay 123:0:2:1" -> its seed and path (the path may be absent: the case's own draw). */
export function parseReplay(s: string): { seed: number; path?: string } {
  const m = /^(\d+)(?::(\d+(?::\d+)*))?$/.exec(s);
  if (!m) throw userError(`--replay wants SEED or SEED:PATH (as fuzz prints them, e.g. 123456:0:2:1), got "${s}"`);
  return { seed: Number(m[1]), ...(m[2] ? { path: m[2] } : {}) };
}
