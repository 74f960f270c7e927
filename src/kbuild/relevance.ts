// Pure: which changed paths of a kernel tree can change a kernel that was
// already built. A bisect step whose changes are all outside the build reuses
// the kernel instead of running make (issue 4: "a step that only changes files
// outside the kernel build is not rebuilt").
//
// `inputs` is what the earlier build read: every source path its kbuild .cmd
// files name (sources, dependencies, command lines). Everything else is judged
// by its name, erring towards "rebuild": a path this table does not know is
// treated as part of the build.

import { posix } from 'node:path';

export type Relevance = { inBuild: true; why: string } | { inBuild: false; why: string };

// Files that steer the build without being compiled: kbuild never lists them as
// dependencies, yet a change to them can add objects or change commands.
const BUILD_CONTROL_NAME = /^(Makefile|Kbuild|Kconfig|Build)(\..*)?$|\.(mk|lds|sh|pl|py|awk|tbl|sed)$/;
const BUILD_MACHINERY_DIR = /^(scripts|usr|certs)\/|^arch\/[^/]+\/(tools|boot)\//;

// Compiled languages: a file of these kinds that the earlier build did not read
// cannot change its output unless a file it did read changes too (an #include,
// a Makefile line), and that file then makes the step rebuild.
const SOURCE_EXT = /\.(c|h|S|s|rs|dts|dtsi)$/;

// Never read by a kernel build.
const NOT_BUILT_DIR = /^(Documentation|LICENSES|tools\/testing)\//;
const NOT_BUILT_TOP = new Set(['README', 'MAINTAINERS', 'CREDITS', 'COPYING', '.mailmap', '.clang-format', '.cocciconfig', '.get_maintainer.ignore', '.gitattributes']);
const NOT_BUILT_NAME = /^\.gitignore$|\.(rst|txt|md)$/;

export function relevance(path: string, inputs: ReadonlySet<string>): Relevance {
  const name = posix.basename(path);
  if (inputs.has(path)) return { inBuild: true, why: 'read by the earlier build' };
  // Before the name rules: a selftest's Makefile or script is not the kernel's.
  if (NOT_BUILT_DIR.test(path)) return { inBuild: false, why: 'not part of any build' };
  if (BUILD_CONTROL_NAME.test(name)) return { inBuild: true, why: 'steers the build' };
  if (BUILD_MACHINERY_DIR.test(path)) return { inBuild: true, why: 'build machinery' };
  if (NOT_BUILT_TOP.has(path) || NOT_BUILT_NAME.test(name)) return { inBuild: false, why: 'not part of any build' };
  if (SOURCE_EXT.test(name)) return { inBuild: false, why: 'source the earlier build did not read' };
  return { inBuild: true, why: 'unknown kind of file: rebuilt to be safe' };
}

/** The changed paths that keep a built kernel from being reused (empty: reuse it). */
export function changesInBuild(changed: Iterable<string>, inputs: ReadonlySet<string>): { path: string; why: string }[] {
  const found: { path: string; why: string }[] = [];
  for (const path of changed) {
    const r = relevance(path, inputs);
    if (r.inBuild) found.push({ path, why: r.why });
  }
  return found;
}

/**
 * The tree-relative source paths named in a kbuild .cmd file. Paths appear
 * absolute (`deps_…`, `-include …`) or relative to the object directory
 * (`source_… := ../../linux/net/…`); both are resolved, and only those inside
 * the source tree are kept. `$(wildcard include/config/…)` entries name the
 * object directory's config stamps, not sources, and fall outside.
 */
export function cmdFileInputs(text: string, objDir: string, srcDir: string): string[] {
  const prefix = srcDir.endsWith('/') ? srcDir : srcDir + '/';
  const out = new Set<string>();
  for (const token of text.split(/[\s\\:=,()]+/)) {
    if (!token.includes('/') || token.startsWith('-') || token.startsWith('$')) continue;
    const abs = posix.resolve(objDir, token);
    if (abs.startsWith(prefix)) out.add(abs.slice(prefix.length));
  }
  return [...out];
}
