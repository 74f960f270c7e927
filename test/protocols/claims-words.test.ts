// The protocol modules' floodGone and words say what src/compare/claims.ts
// says today (its floodGoneIndex() and floodWords()), for the same inputs: the
// claims can take them from the modules without a change in any verdict or
// text. (floodWords() is private: its words are read back from claim C1's
// title and reason, which print each of them.)
import t from 'tap';
import { PROTOCOLS, type Protocol } from '../../src/protocols/index.ts';
import { claimC1, floodGoneIndex } from '../../src/compare/claims.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { SERIES } from '../../src/model/params.ts';
import type { Measured } from '../../src/observe/measured.ts';
import type { MonteCarlo } from '../../src/model/monte-carlo.ts';
import type { VariantSummary } from '../../src/observe/summary.ts';

const N = 200;
const t1 = Float64Array.from({ length: N }, (_, i) => i + 1);
/** A run sampled each second from 1 s: the flood's last packet at `last`, half-open entries until `synUntil` s. */
function run(last: number, synUntil: number, n = N): Measured {
  const t = t1.subarray(0, n);
  return {
    t,
    series: { synRecv: Int32Array.from(t, (x) => (x <= synUntil ? 5 : 0)), floodTemplates: new Int32Array(n).fill(50) },
    floodCreated: 100,
    lastFloodT: last,
  };
}

t.test('floodGone: as floodGoneIndex(), for each protocol, when the flood goes and when it never does', async (t) => {
  // Half-open entries gone at 81 s, UDP's 60 s idle over at 70 s; a 20 s run
  // has neither; half-open entries never gone at all.
  const runs = [run(10, 80), run(10, 0), run(10, 80, 20), run(30, N + 1), run(150, 80)];
  const names = Object.keys(PROTOCOLS) as Protocol[];
  t.equal(names.length, 3);
  for (const p of names) {
    const got = runs.map((m) => PROTOCOLS[p].floodGone(m));
    t.same(got, runs.map((m) => floodGoneIndex(m, p)), `${p}: ${got.join(', ')}`);
  }
  // By hand: TCP and SCTP at 81 s (index 80), 11 s, never, never, 151 s; UDP at 70 s, 70 s, never, 90 s, never (210 s).
  t.same(runs.map((m) => PROTOCOLS.tcp.floodGone(m)), [80, 10, -1, -1, 150]);
  t.same(runs.map((m) => PROTOCOLS.udp.floodGone(m)), [69, 69, -1, 89, -1]);
});

t.test("words: the claims' wording, for TCP, UDP (with and without one-packet scheduling) and SCTP", async (t) => {
  const files = ['smoke', 'udp', 'udp-ops', 'sctp'];
  const zero = { t: t1, runs: 3, values: Object.fromEntries(SERIES.map((s) => [s, new Int32Array(3 * N)])), bands: {} } as unknown as MonteCarlo;
  for (const f of files) {
    const s = await loadScenario(new URL(`../../fixtures/scenarios/${f}.yaml`, import.meta.url).pathname);
    const p = s.service.protocol ?? 'tcp';
    const w = PROTOCOLS[p].words(s);
    // Neither model keeps a flood template: C1 is not judged, and says why in the flood entry's life.
    const c = claimC1({ scenario: s, measured: run(10, 80), summary: {} as VariantSummary, model: zero, modelVariant: 'base', other: zero });
    t.equal(c.title, `under ${w.attack}, templates ${w.outlive}`, `${f}: attack and outlive`);
    t.match(c.reason, ` s after ${w.gone}; not judged`, `${f}: gone`);
    t.match(c.reason, `(${w.life.name} ${w.life.s} s + the flood's`, `${f}: life`);
  }
});
