// Pure: a Monte Carlo run's random streams from its integer seed. pure-rand's
// xoroshiro128plus(seed) puts the seed itself in the state (its first output is
// ~seed), so runs seeded seed, seed+1, ... drew nearly the same first numbers:
// neighbouring runs' first draws were correlated (model audit #9). xoroshiro's
// authors (Blackman and Vigna) recommend filling its 128-bit state from
// splitmix64's outputs, a bijective mixer whose consecutive inputs give
// independent-looking outputs; so each stream's state is two outputs of
// splitmix64 started at the seed. The stream is still a function of the seed
// alone (run r of a request: seed + r, on whichever thread runs it).
import { xoroshiro128plus, type RandomGenerator } from 'pure-rand';

const GOLDEN = 0x9e3779b97f4a7c15n;
const M64 = (x: bigint) => BigInt.asUintN(64, x);

/** splitmix64 (Steele, Lea and Flood 2014): the output for a state, and the next state. */
export function splitmix64(state: bigint): { out: bigint; next: bigint } {
  const next = M64(state + GOLDEN);
  let z = next;
  z = M64((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
  z = M64((z ^ (z >> 27n)) * 0x94d049bb133111ebn);
  return { out: z ^ (z >> 31n), next };
}

/** The streams of one run: the simulation's and the uncertainty's (src/model/uncertainty.ts). */
export const STREAMS = { sim: 0, uncertainty: 1 } as const;

/**
 * xoroshiro128+ for stream `stream` of integer `seed`: its state is splitmix64's
 * outputs 2*stream+1 and 2*stream+2 from the seed. Two consecutive outputs are
 * never both 0 (each is a bijection of its own state), so the state is valid.
 */
export function seededStream(seed: number, stream: number): RandomGenerator {
  let s = M64(BigInt(seed));
  const words: bigint[] = [];
  for (let k = 0; k < 2 * stream + 2; k++) {
    const x = splitmix64(s);
    s = x.next;
    if (k >= 2 * stream) words.push(x.out);
  }
  const hi = (x: bigint) => Number(BigInt.asIntN(32, x >> 32n));
  const lo = (x: bigint) => Number(BigInt.asIntN(32, x));
  // pure-rand's state order: [s0 high, s0 low, s1 high, s1 low] (its output is the low words' sum).
  return xoroshiro128plus.fromState([hi(words[0]!), lo(words[0]!), hi(words[1]!), lo(words[1]!)]);
}
