// summarise(): what the claims read off a run's records.
import t from 'tap';
import { parseResults } from '../../src/record/results.ts';
import { summarise } from '../../src/observe/summary.ts';

t.test("the backup's template lines: counted apart from the director's", async (t) => {
  const lines = [
    { type: 'sample', t: 5, conns: {}, templates: { ASSURED: 1, NONE: 1 }, stats: {} },
    { type: 'client', client: 1, t: 6, done: 6.2, ok: true, rs: 'rs1' },
    { type: 'template', line: 'TCP 0A010102 0000 0A000064 0050 0A020102 0050 ASSURED         296' },
    { type: 'template', line: 'TCP C0A80001 0000 0A000064 0050 0A020102 0050 NONE            200' },
    { type: 'template', node: 'backup', line: 'TCP 0A010102 0000 0A000064 0050 0A020102 0050 ASSURED         299' },
    { type: 'event', name: 'sync-backup', t: 160, entries: 3 },
  ].map((x) => JSON.stringify(x));
  const s = summarise(parseResults(lines.join('\n')));
  t.equal(s.finalClientTemplates + s.finalFloodTemplates, 2, "the director's two templates only");
  t.same(s.sync, { entries: 3, templates: 1, clientTemplatesByState: { ASSURED: 1 } });
  t.equal(summarise(parseResults(lines.slice(0, 4).join('\n'))).sync, undefined, 'no backup, no report');
});
