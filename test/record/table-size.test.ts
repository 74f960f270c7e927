import t from 'tap';
import { tableSizeFromText, reportedTableSize, tableBits } from '../../src/record/table-size.ts';
import { parseResults } from '../../src/record/results.ts';
import { modelRequests } from '../../src/compare/verdict.ts';
import { tableNote } from '../../src/report/claims-table.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { DEFAULT_SCENARIO } from '../../src/pipeline/defaults.ts';

// 6.12 in a 512 MiB guest asked for conn_tab_bits=20: ip_vs_conn_init() clamps
// it to 17 (order_base_2(totalram_pages()) + PAGE_SHIFT - 2 - 1 - order_base_2(sizeof(struct ip_vs_conn))).
const clampedConsole = `[    0.512345] IPVS: Registered protocols (TCP, UDP)
[    0.512901] IPVS: Connection hash table configured (size=131072, memory=1024Kbytes)
[    0.513210] IPVS: ipvs loaded.`;

t.test('the size the kernel reports, from its console or /proc/net/ip_vs', async (t) => {
  t.equal(tableSizeFromText(clampedConsole), 131072);
  t.equal(tableSizeFromText('IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n'), 4096);
  t.equal(tableSizeFromText('no IPVS here'), undefined);
  t.equal(tableBits(131072), 17);
  t.throws(() => tableBits(3000), { kind: 'kernel', message: /3000 buckets, not a power of two/ });
});

t.test("the model takes the table the kernel made, and the verdict says it was clamped", async (t) => {
  const asWritten = await loadScenario(DEFAULT_SCENARIO);
  const scenario = { ...asWritten, kernel: { ...asWritten.kernel, conn_tab_bits: 20 } };
  const lines = [
    { type: 'event', name: 'agent-start', t: 3 },
    { type: 'event', name: 'ready', t: 5, tabSize: 131072 },
    { type: 'sample', t: 6, conns: {}, templates: {}, stats: { conns: '0' } },
    { type: 'sample', t: 7, conns: {}, templates: {}, stats: { conns: '0' } },
    { type: 'exit', code: 0, t: 8 },
  ];
  const run = parseResults(lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  t.equal(reportedTableSize(run), 131072);
  const req = modelRequests({ scenario, runs: { patched: run }, seed: 1, mcRuns: 10 });
  t.equal(req['patched:patched']!.params.tabBits, 17, 'the model runs a 2^17 table, as the kernel did');
  t.equal(req['patched:base']!.params.tabBits, 17);
  // An older record (no size reported): the scenario's.
  const old = parseResults(lines.filter((l) => l.name !== 'ready').map((l) => JSON.stringify(l)).join('\n') + '\n');
  t.equal(modelRequests({ scenario, runs: { patched: old }, seed: 1, mcRuns: 10 })['patched:patched']!.params.tabBits, 20);

  t.match(tableNote({ requestedBits: 20, reportedSize: 131072, modelBits: 17 })!, /conn_tab_bits 20 was asked for \(1048576 buckets\); the kernel made 131072 \(clamped/);
  t.equal(tableNote({ requestedBits: 12, reportedSize: 4096, modelBits: 12 }), undefined, 'as asked: nothing to say');
  t.equal(tableNote({ requestedBits: 12, modelBits: 12 }), undefined);
});
