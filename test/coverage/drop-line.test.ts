// The scan's drop line in each variant's ip_vs_conn.c and gcov's count of
// it; the files here are cut-down copies of ip_vs_random_dropentry() as
// base (the series reverted) and patched have it, line numbers counted by hand.
import t from 'tap';
import { compareDrops, dropLineCount, dropLineOf, DROP_FILE } from '../../src/coverage/drop-line.ts';
import type { CoverageRecord } from '../../src/coverage/record.ts';

const BASE = [
  'static inline int todrop_entry(struct ip_vs_conn *cp)', // 1
  '{', // 2
  '	ip_vs_conn_expire_now(cp);', // 3: outside the function: not it
  '}', // 4
  'void ip_vs_random_dropentry(struct netns_ipvs *ipvs)', // 5
  '{', // 6
  '			IP_VS_DBG(4, "del connection\\n");', // 7
  '			ip_vs_conn_expire_now(cp);', // 8: the drop line
  '			if (cp_c && __ip_vs_conn_get(cp)) {', // 9
  '				ip_vs_conn_expire_now(cp_c);', // 10: the template's, not cp
  '			}', // 11
  '}', // 12
  'static void ip_vs_conn_flush(struct netns_ipvs *ipvs)', // 13
  '{', // 14
  '			ip_vs_conn_del(cp);', // 15: the flush's
  '}', // 16
].join('\n');

const PATCHED = [
  'void ip_vs_random_dropentry(struct netns_ipvs *ipvs)', // 1
  '{', // 2
  'drop:', // 3
  '			IP_VS_DBG(4, "drop connection\\n");', // 4
  '			ip_vs_conn_del(cp);', // 5: the drop line
  '}', // 6
].join('\n');

t.test('the line that removes cp inside ip_vs_random_dropentry(), in either variant', async (t) => {
  t.equal(dropLineOf(BASE), 8, "base: expire_now(cp), not the template's, not another function's");
  t.equal(dropLineOf(PATCHED), 5, 'patched: ip_vs_conn_del(cp)');
  t.match(dropLineOf('void other(void)\n{\n}'), { notRecorded: /no ip_vs_random_dropentry/ });
  t.match(dropLineOf(PATCHED.replace('ip_vs_conn_del(cp);', 'ip_vs_conn_del(cp);\nip_vs_conn_del(cp);')), { notRecorded: /has 2 lines/ }, 'a mutant with two: which one is unknown');
});

const cov = (counts: CoverageRecord['counts']): CoverageRecord => ({ series: [], files: { [DROP_FILE]: { base: BASE, patched: PATCHED } }, counts, patches: [] });

t.test("gcov's count of it, or why there is none", async (t) => {
  t.same(dropLineCount(cov({ base: { [DROP_FILE]: { '3': 1, '8': 412 } } }), 'base'), { line: 8, count: 412 });
  t.match(dropLineCount(cov({ base: { [DROP_FILE]: { '8': 412 } } }), 'patched'), { notRecorded: /no gcov counts of patched/ });
  t.match(dropLineCount(cov({ patched: { [DROP_FILE]: { '4': 9 } } }), 'patched'), { notRecorded: /no count for .*:5 in patched/ });
  t.match(dropLineCount({ series: [], files: {}, counts: {}, patches: [] }, 'base'), { notRecorded: /has no base/ });
});

t.test("where gcov's count lies among the model's runs'", async (t) => {
  // Runs 3, 5, 5, 9: 412 is above all four; 5 has one below and two equal; the median is the 2nd of 4 by nearest rank.
  t.same(compareDrops({ line: 8, count: 412 }, [5, 9, 3, 5]), { line: 8, gcov: 412, below: 4, ties: 0, runs: 4, min: 3, median: 5, max: 9 });
  t.match(compareDrops({ line: 8, count: 5 }, Int32Array.of(5, 9, 3, 5)), { below: 1, ties: 2, runs: 4 });
  t.match(compareDrops({ line: 8, count: 5 }, []), { notRecorded: /no model runs/ });
});
