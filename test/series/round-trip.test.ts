// base + series == Debian's tree as shipped, byte for byte, in every file the
// series touches. Uses the real Debian source (unpacked once into the cache).
import t from 'tap';
import { mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { resolveSource } from '../../src/source/resolve.ts';
import { readSeries, touchedFiles } from '../../src/series/read.ts';
import { deriveVariants, runSeries } from '../../src/series/apply.ts';
import { DEFAULT_SERIES_DIR } from '../../src/pipeline/inputs.ts';
import { DEBIAN_LINES, DEFAULT_LINE, tarballOf } from '../../src/source/debian.ts';

// Every line Debian ships: the default line always (the install script fetches
// it), others where their source is installed (scripts/install-deps.sh
// --kernel-lines 6.1,6.12). The test command (scripts/run-tests.sh) installs
// both and names them in IPVS_VERIFY_TEST_LINES: there a missing one fails.
const required = (process.env.IPVS_VERIFY_TEST_LINES ?? '').split(',');
// The files the two patches' diffs name (read off their `diff --git` lines by hand).
const TOUCHED = [
  'include/net/ip_vs.h',
  'net/netfilter/ipvs/ip_vs_conn.c',
  'net/netfilter/ipvs/ip_vs_proto.c',
  'net/netfilter/ipvs/ip_vs_proto_sctp.c',
  'net/netfilter/ipvs/ip_vs_proto_tcp.c',
  'net/netfilter/ipvs/ip_vs_proto_udp.c',
  'net/netfilter/ipvs/ip_vs_sync.c',
];
for (const line of DEBIAN_LINES) {
const optional = line !== DEFAULT_LINE && !required.includes(line);
const skip = optional && !existsSync(tarballOf(line)) ? `${tarballOf(line)} is not installed (scripts/install-deps.sh --kernel-lines 6.1,6.12)` : false;
t.test(`Debian ${line}: reverting the series and applying it again gives Debian back`, { skip }, async (t) => {
  // (The default line's source, if missing, resolveSource() installs or fails on.)
  if (line !== DEFAULT_LINE && !existsSync(tarballOf(line))) {
    t.fail(`${tarballOf(line)} is missing, and this run requires it (IPVS_VERIFY_TEST_LINES=${process.env.IPVS_VERIFY_TEST_LINES})`);
    return;
  }
  const source = await resolveSource({ path: `debian:${line}` });
  const series = await readSeries(
    ['0001-ipvs-add-assured-state-for-conn-templates.patch', '0002-ipvs-drop-conn-templates-under-attack.patch'].map((f) =>
      join(DEFAULT_SERIES_DIR, f),
    ),
  );
  const v = await deriveVariants(source.dir, series);
  t.equal(v.sourceHasSeries, true, `Debian ${line} carries the series`);

  t.same([...touchedFiles(series)].sort(), TOUCHED, 'the series touches its seven files');
  t.same([...v.base.keys()].sort(), TOUCHED, 'base has each of them');

  const baseTree = t.testdir({});
  for (const [f, content] of v.base) {
    t.not(content, null, `${f} exists in base`);
    mkdirSync(dirname(join(baseTree, f)), { recursive: true });
    writeFileSync(join(baseTree, f), content!);
  }
  const applied = await runSeries(baseTree, series, false);
  if (!('files' in applied)) throw new Error(`series does not apply to base: ${JSON.stringify(applied.failure)}`);
  for (const f of touchedFiles(series)) {
    const debian = readFileSync(join(source.dir, f));
    t.ok(applied.files.get(f)!.equals(debian), `${f}: base + series == Debian`);
    t.notOk(v.base.get(f)!.equals(debian), `${f}: base differs from Debian`);
  }
  // base has the 2018 drop path; patched has the synchronous one.
  const conn = 'net/netfilter/ipvs/ip_vs_conn.c';
  t.match(v.base.get(conn)!.toString(), /ip_vs_conn_expire_now\(cp_c\);/);
  t.notMatch(v.base.get(conn)!.toString(), /IP_VS_CTPL_S_ASSURED/);
  t.match(v.patched.get(conn)!.toString(), /if \(!\(cp->state & IP_VS_CTPL_S_ASSURED\)\)\n\t+goto drop;/);
});
}
