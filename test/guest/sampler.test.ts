// The compiled sampler against the awk program it replaces, on the same tables:
// they must count exactly the same (JSON key order aside).
import t from 'tap';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { buildSampler } from '../../src/guest/sampler.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const captured = readFileSync(join(ROOT, 'fixtures/proc/ip_vs_conn.patched-full.txt'), 'utf8');
const meminfo = 'MemTotal:         479708 kB\nMemFree:          401236 kB\nMemAvailable:     398812 kB\nBuffers:               7 kB\nCached:            12736 kB\n';
const stats = [
  '   Total Incoming Outgoing         Incoming         Outgoing',
  '   Conns  Packets  Packets            Bytes            Bytes',
  '     4BA     1F2C        0            5A2D8                0',
  '',
  ' Conns/s   Pkts/s   Pkts/s          Bytes/s          Bytes/s',
  '       C       51        0              D80                0',
].join('\n');

async function both(dir: string, t0: string) {
  const files = ['ip_vs_conn', 'meminfo', 'ip_vs_stats'].map((f) => join(dir, f));
  const c = await execa(await buildSampler(), [t0, ...files]);
  const a = await execa('busybox', ['awk', '-v', `t=${t0}`, '-f', join(ROOT, 'vm/sample.awk'), ...files]);
  return { c: JSON.parse(`${c.stdout}}`), a: JSON.parse(`${a.stdout}}`) };
}

const cases: Record<string, string> = {
  'a captured table (595 lines, smoke scenario, patched)': captured,
  'an empty table': captured.split('\n')[0] + '\n',
  'odd lines: short ones, a blank one, Expires at the edge': [
    captured.split('\n')[0],
    'TCP 6D9DEB6B 0818 0A000064 0050 0A020202 0050 SYN_RECV         59',
    'TCP 6D9DEB6C 0819 0A000064 0050 0A020202 0050 SYN_RECV         60',
    'TCP 6D9DEB6D 081A 0A000064 0050 0A020202 0050 SYN_RECV         58',
    'TCP 0A010102 0000 0A000064 0050 0A020102 0050 ASSURED         299',
    'TCP 0A010102 0000',
    '',
    'UDP 0A010102 1234 0A000064 0035 0A020102 0035 UDP             299 x y',
  ].join('\n') + '\n',
};

for (const [name, table] of Object.entries(cases)) {
  t.test(name, async (t) => {
    const dir = t.testdir({});
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'ip_vs_conn'), table);
    writeFileSync(join(dir, 'meminfo'), meminfo);
    writeFileSync(join(dir, 'ip_vs_stats'), stats);
    const { c, a } = await both(dir, '12.34');
    t.same(c, a, 'the same sample');
    t.equal(c.t, 12.34);
  });
}

t.test('the captured table, counted', async (t) => {
  const dir = t.testdir({ ip_vs_conn: captured, meminfo, ip_vs_stats: stats });
  const { c } = await both(dir, '1');
  const lines = captured.trim().split('\n').slice(1);
  const templates = lines.filter((l) => l.split(/\s+/)[2] === '0000').length;
  // (Counted with awk '$3=="0000"' over the 594 lines after the header: 295 templates, 299 connections.)
  t.same([lines.length, templates], [594, 295], 'the capture: 594 entries, 295 of them templates');
  t.equal(Object.values(c.templates as Record<string, number>).reduce((x, y) => x + y, 0), templates);
  t.equal(Object.values(c.conns as Record<string, number>).reduce((x, y) => x + y, 0), lines.length - templates);
  t.equal(c.avail, Math.floor(401236 / 4) + Math.floor(7 / 4));
  t.same(c.stats, { conns: '4BA', inpkts: '1F2C', outpkts: '0' });
});

t.test('built once when two guests ask at once, into an empty cache', async (t) => {
  const saved = process.env.IPVS_VERIFY_CACHE;
  process.env.IPVS_VERIFY_CACHE = t.testdir({});
  t.teardown(() => {
    if (saved === undefined) delete process.env.IPVS_VERIFY_CACHE;
    else process.env.IPVS_VERIFY_CACHE = saved;
  });
  // (Side by side guests on a fresh machine raced here: the second rename found nothing.)
  const [a, b] = await Promise.all([buildSampler(), buildSampler()]);
  t.equal(a, b);
  t.match(a, new RegExp(`^${process.env.IPVS_VERIFY_CACHE}/guest/ipvs-sample-[0-9a-f]{16}$`));
  t.equal((await execa('ls', [join(process.env.IPVS_VERIFY_CACHE!, 'guest')])).stdout, a.split('/').pop(), 'no temporary file left');
});
