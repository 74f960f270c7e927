// A record's kernel HZ reaches the model: metadata.json's variants.<v>.kernel.hz
// becomes each run's model's hz; a record without it (every one in fixtures/runs,
// made before runs recorded HZ) falls back to DEFAULT_HZ, 250, which
// kernel-configs/ sets.
import t from 'tap';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { judgeRecord, readRecord } from '../../src/pipeline/judge-record.ts';
import { modelRequests } from '../../src/compare/verdict.ts';
import { DEFAULT_HZ } from '../../src/model/params.ts';

const fixture = new URL('../../fixtures/runs/smoke-1', import.meta.url).pathname;

t.test('a record without HZ judges at 250', async (t) => {
  const rec = await readRecord(fixture);
  t.equal(rec.hz, undefined);
  const reqs = Object.values(modelRequests({ ...rec, seed: 1, mcRuns: 2 }));
  t.equal(reqs.length, 4, 'two runs, each against both models');
  t.equal(DEFAULT_HZ, 250);
  for (const r of reqs) t.equal(r!.params.hz, 250);
});

t.test("a record with each kernel's HZ: each run's models take its kernel's", async (t) => {
  const dir = t.testdir({});
  await cp(fixture, dir, { recursive: true });
  const meta = JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8'));
  meta.variants.base.kernel.hz = 100;
  meta.variants.patched.kernel.hz = 1000;
  await writeFile(join(dir, 'metadata.json'), JSON.stringify(meta));
  const rec = await readRecord(dir);
  t.same(rec.hz, { base: 100, patched: 1000 });
  const reqs = modelRequests({ ...rec, seed: 1, mcRuns: 2 });
  t.equal(Object.keys(reqs).length, 4);
  t.equal(reqs['base:base']!.params.hz, 100);
  t.equal(reqs['base:patched']!.params.hz, 100, "the other model of base's run: still base's kernel");
  t.equal(reqs['patched:patched']!.params.hz, 1000);
  t.equal(reqs['patched:base']!.params.hz, 1000);
});

t.test("an earlier try's verdict keeps what its trace says of its guest", async (t) => {
  // udp-1's base run, its first defense-work chunk given ends: each run 0.002 s, but the
  // third (its start + 2.8 s, written here), as a starved guest would trace it.
  const dir = t.testdir({});
  await cp(new URL('../../fixtures/runs/udp-1', import.meta.url).pathname, dir, { recursive: true });
  const text = await readFile(join(dir, 'results-base.jsonl'), 'utf8');
  const starved = text
    .split('\n')
    .map((l) => {
      if (!l.includes('"name":"defense-work"') || !l.includes('"first":0,')) return l;
      const x = JSON.parse(l) as { times: number[]; ends?: number[] };
      x.ends = x.times.map((s, i) => s + (i === 2 ? 2.8 : 0.002));
      return JSON.stringify(x);
    })
    .join('\n');
  t.not(starved, text, 'the chunk was given ends');
  await mkdir(join(dir, 'try-1'));
  await writeFile(join(dir, 'try-1', 'results-base.jsonl'), starved);
  const { verdict } = await judgeRecord(dir, { seed: 1, mcRuns: 20, freshRuns: 0 });
  const tries = verdict.variants.base!.earlierTries ?? [];
  t.equal(tries.length, 1, "base's try-1");
  t.match(tries[0], { dir: 'try-1', trace: { longestScan: 2.8, scansOverOneSecond: 1, gapsOverOneAndHalf: 0, overrun: 0 } });
  t.equal(verdict.variants.patched!.earlierTries, undefined, 'patched ran once');
});
