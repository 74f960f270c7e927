// base + series == Debian's tree as shipped, byte for byte, in every file the
// series touches. Uses the real Debian source (unpacked once into the cache).
import t from 'tap';
import { mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { resolveSource } from '../../src/source/resolve.ts';
import { readSeries, touchedFiles } from '../../src/series/read.ts';
import { deriveVariants, runSeries } from '../../src/series/apply.ts';
import { DEFAULT_SERIES_DIR } from '../../src/commands/verify.ts';
import { DEBIAN_LINES, DEFAULT_LINE, tarballOf } from '../../src/source/debian.ts';

// Every line Debian ships: the default line always (the install script fetches
// it), others where their source is installed (scripts/install-deps.sh
// --kernel-lines 6.1,6.12; the test command asks for both).
for (const line of DEBIAN_LINES) {
t.test(`Debian ${line}: reverting the series and applying it again gives Debian back`, { skip: line !== DEFAULT_LINE && !existsSync(tarballOf(line)) ? `${tarballOf(line)} is not installed` : false }, async (t) => {
  const source = await resolveSource({ path: `debian:${line}` });
  const series = await readSeries(
    ['0001-ipvs-add-assured-state-for-conn-templates.patch', '0002-ipvs-drop-conn-templates-under-attack.patch'].map((f) =>
      join(DEFAULT_SERIES_DIR, f),
    ),
  );
  const v = await deriveVariants(source.dir, series);
  t.equal(v.sourceHasSeries, true, `Debian ${line} carries the series`);

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
