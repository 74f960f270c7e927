// The shrinking loop with a fake runner (no kernel): a "kernel" that fails on
// UDP over direct routing must be shrunk to the simplest scenario with both,
// each candidate a run of the runner, within the step budget; a passing case
// is run once; a runner's own bug is thrown, not shrunk.
import t from 'tap';
import { fuzzCase, type Runner } from '../../src/fuzz/shrink.ts';
import { caseSeed, scenarioAt } from '../../src/fuzz/draw.ts';
import type { RunOutcome } from '../../src/fuzz/case-record.ts';
import type { Scenario } from '../../src/scenario/schema.ts';

const udpOverDr = (s: Scenario) => s.service.protocol === 'udp' && s.service.forwarding === 'dr';
/** A fake kernel pair: patched leaves its model on UDP over DR, C2 fails there too. */
function fakeRunner(bad: (s: Scenario) => boolean): Runner & { calls: Scenario[] } {
  const calls: Scenario[] = [];
  const run = async (s: Scenario): Promise<RunOutcome> => {
    calls.push(s);
    const b = bad(s);
    return { variants: { base: true, patched: !b }, claims: [{ id: 'C2', variant: 'patched', outcome: b ? 'fail' : 'pass' }], wallSeconds: 10 };
  };
  return Object.assign(run, { calls });
}

/** The first case index of campaign seed 1 whose draw is UDP over DR (found by drawing, not by running). */
const failingIndex = (() => {
  for (let i = 0; i < 500; i++) if (udpOverDr(scenarioAt(caseSeed(1, i), 'x'))) return i;
  throw new Error('no UDP-over-DR draw in 500 cases');
})();

t.test('a failure shrinks to the minimal scenario that still fails, and its path replays it', async (t) => {
  const runner = fakeRunner(udpOverDr);
  const { record, scenario } = await fuzzCase({ index: failingIndex, fuzzSeed: 1, runner, budget: { steps: 1000, seconds: 1e6 }, dir: 'fuzz-x' });
  t.ok(udpOverDr(scenario), 'the case drew UDP over DR');
  t.equal(record.outcome, 'fail');
  t.equal(record.seed, caseSeed(1, failingIndex));
  const s = record.shrink!;
  t.ok(s, 'shrunk');
  t.equal(s.exhausted, false);
  // By hand, each key at the simplest value its draw allows (src/fuzz/arbitrary.ts): no flood (count 0 at 1/s
  // from 0 s), 10 s observed after it, no clients (start 0, stop 1), port 80, rr, /32, persistence 1, one real
  // server, 8 bits, drop_entry 0, amemthresh 0; optional keys absent; UDP and DR kept, the failure's cause.
  t.same(s.minimal, {
    name: `fuzz-${String(failingIndex).padStart(4, '0')}`,
    duration: 10,
    kernel: { conn_tab_bits: 8 },
    service: { protocol: 'udp', port: 80, scheduler: 'rr', forwarding: 'dr', persistence: 1, netmask: '255.255.255.255', real_servers: 1 },
    sysctl: { drop_entry: 0, amemthresh: 0 },
    flood: { rate: 1, count: 0, start: 0 },
    clients: { count: 0, interval: 1, start: 0, stop: 1 },
  });
  t.equal(s.minimalRun.variants.patched, false, "the minimal scenario's own run failed");
  // Every run was a runner call: the first plus each step; nothing run twice.
  t.equal(runner.calls.length, 1 + s.steps);
  t.equal(new Set(runner.calls.map((c) => JSON.stringify(c))).size, runner.calls.length);
  t.ok(s.steps > 5, `${s.steps} steps`);
  t.same(scenarioAt(record.seed, s.minimal.name, s.path), s.minimal, 'fuzz --replay seed:path draws the minimal scenario');
  t.equal(s.file, 'fuzz-x/minimal.yaml');
});

t.test('the step budget stops shrinking: the smallest failure found by then, its runs counted', async (t) => {
  const runner = fakeRunner(udpOverDr);
  const { record } = await fuzzCase({ index: failingIndex, fuzzSeed: 1, runner, budget: { steps: 3, seconds: 1e6 }, dir: 'd' });
  const s = record.shrink!;
  t.equal(s.steps, 3);
  t.equal(runner.calls.length, 4, 'the first run and 3 steps');
  t.equal(s.exhausted, true);
  t.ok(udpOverDr(s.minimal), 'still a failing scenario');
});

t.test('the time budget stops shrinking too (a clock the test moves: each run 100 s)', async (t) => {
  let clock = 0;
  const inner = fakeRunner(udpOverDr);
  const runner: Runner = async (s, at) => {
    clock += 100_000;
    return inner(s, at);
  };
  const { record } = await fuzzCase({ index: failingIndex, fuzzSeed: 1, runner, budget: { steps: 1000, seconds: 250 }, dir: 'd', now: () => clock });
  // The shrink clock starts after the first run; steps start at 0, 100, 200 s of it: three, then 300 s >= 250.
  t.equal(record.shrink!.steps, 3);
  t.equal(record.shrink!.exhausted, true);
  t.equal(record.wallSeconds, 400, 'the case took the first run and three steps');
});

t.test('a passing case is one run, no shrink; a run that could not be made is an error, not shrunk', async (t) => {
  const pass = fakeRunner(() => false);
  const { record } = await fuzzCase({ index: 0, fuzzSeed: 1, runner: pass, budget: { steps: 10, seconds: 1e6 }, dir: 'd' });
  t.equal(record.outcome, 'pass');
  t.equal(record.shrink, undefined);
  t.equal(pass.calls.length, 1);
  const calls: Scenario[] = [];
  const broken: Runner = async (s) => {
    calls.push(s);
    return { variants: {}, claims: [], wallSeconds: 1, error: { kind: 'infra', message: 'QEMU gone' } };
  };
  const e = await fuzzCase({ index: 0, fuzzSeed: 1, runner: broken, budget: { steps: 10, seconds: 1e6 }, dir: 'd' });
  t.equal(e.record.outcome, 'error');
  t.equal(calls.length, 1);
  // A kernel that panicked is the kernel's failure: shrunk like a claim FAIL.
  const panics: Runner = async (s) => ({ variants: {}, claims: [], wallSeconds: 1, ...(udpOverDr(s) ? { error: { kind: 'kernel' as const, message: 'Oops' } } : {}) });
  const k = await fuzzCase({ index: failingIndex, fuzzSeed: 1, runner: panics, budget: { steps: 1000, seconds: 1e6 }, dir: 'd' });
  t.equal(k.record.outcome, 'fail');
  t.equal(k.record.shrink?.minimal.service.forwarding, 'dr');
});

t.test("a runner's own throw (a harness bug) comes out of fuzzCase, unshrunk", async (t) => {
  let n = 0;
  const runner: Runner = async () => {
    n++;
    throw new TypeError('bug');
  };
  await t.rejects(fuzzCase({ index: 0, fuzzSeed: 1, runner, budget: { steps: 10, seconds: 1e6 }, dir: 'd' }), TypeError);
  t.equal(n, 1);
});
