// The GitHub workflows cannot run here (no GitHub, no KVM), so they are checked
// by what can be: GitHub's own workflow parser accepts them, every step is a
// command of this repository (no logic of its own), every ipvs-verify command
// line in them is one the real CLI accepts, and the caches they keep are the
// directories the tool writes.
import t from 'tap';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { execa } from 'execa';
import { Command } from 'commander';
import { makeProgram } from '../../src/cli/program.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const DIR = join(ROOT, '.github/workflows');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yml'));

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, string>;
}
interface Job {
  env?: Record<string, string | number>;
  steps: Step[];
  strategy?: { matrix?: Record<string, unknown[]> };
}
const jobsOf = (f: string): Record<string, Job> => parse(readFileSync(join(DIR, f), 'utf8')).jobs;

/** Parses an ipvs-verify argv with the real CLI definition, running no action. */
function accepts(argv: string[]): { ok: true; command: string; opts: Record<string, unknown> } | { ok: false; error: string } {
  const program = makeProgram();
  let seen: { command: string; opts: Record<string, unknown> } | undefined;
  const silence = (c: Command) => {
    c.configureOutput({ writeErr: () => {}, writeOut: () => {} });
    c.exitOverride();
  };
  silence(program);
  for (const c of program.commands) {
    silence(c);
    c.action(() => {
      seen = { command: c.name(), opts: c.opts() };
    });
  }
  try {
    program.parse(argv, { from: 'user' });
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  return seen ? { ok: true, ...seen } : { ok: false, error: 'no command ran' };
}

/** The run lines of a workflow with its expressions filled in, once per matrix entry. */
/** Each combination of a job's matrix axes (one, with no axis). */
function combinations(matrix: Record<string, unknown[]>): Record<string, unknown>[] {
  let out: Record<string, unknown>[] = [{}];
  for (const [name, values] of Object.entries(matrix)) out = out.flatMap((c) => values.map((v) => ({ ...c, [name]: v })));
  return out;
}

function expandedRuns(job: Job): string[] {
  const out: string[] = [];
  for (const combo of combinations(job.strategy?.matrix ?? {})) {
    for (const step of job.steps) {
      if (!step.run) continue;
      out.push(
        step.run.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
          const axis = /^matrix\.(\w+)$/.exec(expr);
          if (axis && axis[1]! in combo) return String(combo[axis[1]!]);
          // The night's run number (the fuzz seed): any number stands for it here.
          if (expr === 'github.run_number') return '42';
          const env = /^env\.(\w+)$/.exec(expr);
          if (env && job.env?.[env[1]!] !== undefined) return String(job.env[env[1]!]);
          throw new Error(`an expression the test does not know: ${expr}`);
        }),
      );
    }
  }
  return out;
}

const checkWorkflows = (...args: string[]) =>
  execa(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'scripts/check-workflows.ts'), ...args], { reject: false, all: true });

t.test("GitHub's workflow parser accepts every workflow", async (t) => {
  t.ok(files.length >= 2, 'ci and nightly');
  const r = await checkWorkflows();
  t.equal(r.exitCode, 0, r.all);
  for (const f of files) t.match(r.all, `${f}: ok`);
  // The parser is not a formality: a misspelt key is reported, and fails the check.
  const bad = join(t.testdir({ 'bad.yml': 'on: push\njobs:\n  a:\n    runs-on: x\n    stepz: []\n' }), 'bad.yml');
  const r2 = await checkWorkflows(bad);
  t.equal(r2.exitCode, 1);
  t.match(r2.all, /Unexpected value 'stepz'/);
});

t.test('every step is a command of this repository: the workflows have no logic of their own', async (t) => {
  // Host set-up a hosted runner needs (the KVM udev rule) is the one exception.
  const allowed = [/^bash (scripts\/[\w.-]+\.sh|\.ci\/run)\b/, /^echo "key=\$\((bash scripts\/in-container\.sh )?node bin\/ipvs-verify\.js cache-key( --kernel-line [\d.]+)?( \| tail -n 1)?\)" >> "\$GITHUB_OUTPUT"$/, /^echo '[^']*' \| sudo tee \/etc\/udev\/rules\.d\/[\w.-]+$/, /^sudo udevadm /];
  for (const f of files) {
    for (const [id, job] of Object.entries(jobsOf(f))) {
      for (const run of expandedRuns(job)) {
        for (const line of run.split('\n').filter(Boolean)) {
          t.ok(
            allowed.some((a) => a.test(line)),
            `${f} ${id}: ${line}`,
          );
          t.notMatch(line, /\b(if|then|for|while|case)\b|&&|\|\|/, `${f} ${id}: no shell logic in "${line}"`);
          for (const script of line.match(/\b(scripts\/[\w.-]+\.sh|\.ci\/run)\b/g) ?? []) t.ok(existsSync(join(ROOT, script)), `${script} exists`);
        }
      }
    }
  }
});

t.test('every ipvs-verify command line in the workflows is one the CLI accepts', async (t) => {
  const lines = files.flatMap((f) => Object.values(jobsOf(f)).flatMap(expandedRuns)).flatMap((r) => r.split('\n'));
  const argvs = lines.flatMap((l) => {
    const m = /node bin\/ipvs-verify\.js ([^)|]+)/.exec(l);
    return m ? [m[1]!.trim().split(/\s+/)] : [];
  });
  t.ok(argvs.length >= 5, 'cache-key (twice), three shards, the merge');
  for (const argv of argvs) {
    const r = accepts(argv);
    t.ok(r.ok, `${argv.join(' ')}${r.ok ? '' : `: ${r.error}`}`);
  }
  // And the check can fail: an option the CLI does not have, a shard without its count.
  t.match(accepts(['matrix', '--shard', '1/3', '--out', 'x', '--acel', 'kvm']), { ok: false, error: /unknown option '--acel'/ });
  t.match(accepts(['matrix', '--out', 'x']), { ok: false, error: /required option '--shard/ });
});

t.test('nightly: every shard of the matrix runs under KVM, and the report merges them all', async (t) => {
  const jobs = jobsOf('nightly.yml');
  const shard = jobs.shard!;
  const shards = shard.strategy!.matrix!.shard!;
  const lines = shard.strategy!.matrix!.kernel_line!;
  t.same(lines, ['6.1', '6.12'], "Debian 12's two kernel lines are an axis");
  const runs = expandedRuns(shard).filter((r) => r.includes(' matrix '));
  t.same(
    runs.map((r) => `${/--shard (\S+)/.exec(r)?.[1]} ${/--kernel-line (\S+)/.exec(r)?.[1]}`).sort(),
    shards.flatMap((i) => lines.map((l) => `${i}/${shards.length} ${l}`)).sort(),
    'shards 1..n of n on each line, each once',
  );
  const keys = expandedRuns(shard).filter((r) => r.includes(' cache-key'));
  for (const l of lines) t.ok(keys.some((k) => k.includes(`cache-key --kernel-line ${l} `)), `line ${l}: its kernels' own cache key`);
  for (const r of runs) t.match(r, /--accel kvm/, 'the nightly asks for KVM (and the tool refuses to fall back to TCG)');
  const outs = runs.map((r) => /--out (\S+)/.exec(r)![1]!);
  t.equal(new Set(outs).size, outs.length, 'each shard writes its own directory');
  const merge = expandedRuns(jobs.report!).find((r) => r.includes('report --merge'))!;
  t.match(merge, /artifacts\/shard-\*/, 'the merge takes every shard present');
  const download = jobs.report!.steps.find((s) => s.uses?.startsWith('actions/download-artifact'))!;
  t.same([download.with?.pattern, download.with?.['merge-multiple']], ['runs-*', true], "the shards' records land side by side");
  const upload = shard.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!;
  t.match(upload.with?.name, /^runs-/);
  // The merged index links to the runs' own reports: the report artifact carries both.
  const report = jobs.report!.steps.filter((s) => s.uses?.startsWith('actions/upload-artifact')).at(-1)!;
  const [out, ...runDirs] = /report --merge (\S+) (.+)$/.exec(merge)!.slice(1);
  t.same(report.with!.path!.trim().split('\n').sort(), [`${out}/`, `${runDirs[0]!.split('/')[0]}/`].sort());
});

t.test('nightly: every shard of the mutants runs under KVM on each line, and each line merges its own shards', async (t) => {
  const jobs = jobsOf('nightly.yml');
  const job = jobs.mutants!;
  const shards = job.strategy!.matrix!.shard!;
  const lines = job.strategy!.matrix!.kernel_line!;
  t.same(lines, ['6.1', '6.12']);
  t.same(shards, Array.from({ length: shards.length }, (_, k) => k + 1), 'shards 1..n');
  const runs = expandedRuns(job).filter((r) => r.includes(' mutants '));
  t.equal(runs.length, shards.length * lines.length);
  t.same(
    runs.map((r) => `${/--shard (\S+)/.exec(r)?.[1]} ${/--kernel-line (\S+)/.exec(r)?.[1]}`).sort(),
    shards.flatMap((i) => lines.map((l) => `${i}/${shards.length} ${l}`)).sort(),
    'shards 1..n of n on each line, each once',
  );
  for (const r of runs) t.match(r, /--accel kvm/);
  const outs = runs.map((r) => /--out (\S+)/.exec(r)![1]!);
  t.equal(new Set(outs).size, outs.length, 'each shard writes its own directory');
  const merges = expandedRuns(jobs['mutants-report']!).filter((r) => r.includes('mutants --merge'));
  t.equal(merges.length, lines.length, 'a merge a line');
  for (const l of lines) {
    const merge = merges.find((m) => m.endsWith(`-linux-${l}`))!;
    const glob = new RegExp(`^${/ (\S+)$/.exec(merge)![1]!.replace(/[.]/g, '\\.').replace('*', '[^/]*')}$`);
    t.same(outs.filter((o) => glob.test(o)).sort(), outs.filter((o) => o.endsWith(`-linux-${l}`)).sort(), `line ${l}: the merge takes its shards, and only them`);
    t.equal(outs.filter((o) => glob.test(o)).length, shards.length);
  }
  const upload = job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!;
  const download = jobs['mutants-report']!.steps.find((s) => s.uses?.startsWith('actions/download-artifact'))!;
  t.same([download.with?.pattern, download.with?.['merge-multiple']], [`${upload.with!.name!.split('$')[0]}*`, true], "the shards' records land side by side");
});

t.test('nightly: fuzzing as shards on each line under KVM, within a time budget, merged a line', async (t) => {
  const jobs = jobsOf('nightly.yml');
  const fuzz = jobs.fuzz!;
  const shards = fuzz.strategy!.matrix!.shard!;
  const lines = fuzz.strategy!.matrix!.kernel_line!;
  t.same(lines, ['6.1', '6.12']);
  const runs = expandedRuns(fuzz).filter((r) => r.includes(' fuzz '));
  t.same(
    runs.map((r) => `${/--shard (\S+)/.exec(r)?.[1]} ${/--kernel-line (\S+)/.exec(r)?.[1]}`).sort(),
    shards.flatMap((i) => lines.map((l) => `${i}/${shards.length} ${l}`)).sort(),
    'shards 1..n of n on each line, each once',
  );
  for (const r of runs) {
    t.match(r, /--accel kvm/);
    t.match(r, /--budget \d+ /, 'a time budget');
    t.match(r, /--seed 42 /, "the night's run number as the seed");
    t.match(r, /--count \d+ /);
  }
  const outs = runs.map((r) => /--out (\S+)/.exec(r)![1]!);
  t.equal(new Set(outs).size, outs.length, 'each shard writes its own directory');
  for (const l of lines) t.ok(expandedRuns(fuzz).some((k) => k.includes(`cache-key --kernel-line ${l} `)), `line ${l}: its kernels' own cache key`);
  // Each line's merge takes every one of its shards' directories (a glob over them), and only its own.
  const merges = expandedRuns(jobs['fuzz-report']!).filter((r) => r.includes('fuzz --merge'));
  t.equal(merges.length, lines.length);
  for (const l of lines) {
    const m = merges.find((r) => r.includes(`fuzz-merged/linux-${l} `))!;
    t.ok(m, `line ${l} merged`);
    const glob = /fuzz --merge \S+ (\S+)$/.exec(m)![1]!;
    const re = new RegExp(`^${glob.replace(/[.]/g, '\\.').replace('*', '[^/]+')}$`);
    t.same(outs.filter((o) => re.test(o)).length, shards.length, `${glob}: the ${shards.length} shards of ${l}`);
  }
  const upload = fuzz.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!;
  t.match(upload.with?.name, /^fuzz-/, "not runs-*: the matrix's report job does not take them");
  const download = jobs['fuzz-report']!.steps.find((s) => s.uses?.startsWith('actions/download-artifact'))!;
  t.same([download.with?.pattern, download.with?.['merge-multiple'], download.with?.path], ['fuzz-*', true, 'fuzz']);
});

t.test('nightly: the whole test suite, the end-to-end tests CI leaves out included, under KVM', async (t) => {
  const job = jobsOf('nightly.yml')['full-tests']!;
  t.same(expandedRuns(job).filter((r) => r.includes('run-tests.sh')), ['bash scripts/in-container.sh bash scripts/run-tests.sh --full']);
  t.ok(expandedRuns(job).some((r) => r.includes('udevadm trigger --name-match=kvm')), 'KVM enabled for the container');
  const script = readFileSync(join(ROOT, 'scripts/run-tests.sh'), 'utf8');
  t.match(script, /set -- test test-slow\/e2e\/\*\.ts "\$@"/, '--full: test/ and test-slow/e2e/');
  t.ok(readdirSync(join(ROOT, 'test-slow/e2e')).filter((f) => f.endsWith('.ts')).length >= 4, 'test-slow/e2e holds the tests CI leaves out');
});

t.test('nightly: both bisections that build (test-slow/), under KVM with the default kernels\' caches', async (t) => {
  const job = jobsOf('nightly.yml').bisect!;
  // The npm scripts they name, and the files those run.
  const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
  t.same(
    expandedRuns(job).filter((r) => r.includes('npm run')),
    ['bash scripts/in-container.sh npm run test:bisect', 'bash scripts/in-container.sh npm run test:debian-versions'],
  );
  t.match(scripts['test:bisect'], /test-slow\/bisect\.ts$/);
  t.match(scripts['test:debian-versions'], /test-slow\/debian-versions\.ts$/);
  const last = job.steps.at(-1) as Step & { if?: string };
  t.equal(last.if, 'always()', 'the Debian-versions bisection runs even when the synthetic one failed');
  t.ok(expandedRuns(job).some((r) => r.includes('udevadm trigger --name-match=kvm')), 'KVM enabled for the container');
});

t.test('the caches the workflows keep are the directories the tool writes', async (t) => {
  // ci.yml: the container job names the tool's cache outright; the cached paths lie inside it.
  const ci = jobsOf('ci.yml').test!;
  const cached = ci.steps.filter((s) => s.uses?.startsWith('actions/cache')).map((s) => s.with!.path);
  t.same(cached, [`${ci.env!.IPVS_VERIFY_CACHE}/kernels`, ci.env!.CCACHE_DIR]);
  // nightly: in-container.sh mounts the host's ~/.cache/{ipvs-verify,ccache} as the container's.
  const inContainer = readFileSync(join(ROOT, 'scripts/in-container.sh'), 'utf8');
  t.match(inContainer, /-v "\$HOME\/\.cache\/ipvs-verify:\/root\/\.cache\/ipvs-verify"/);
  t.match(inContainer, /-v "\$HOME\/\.cache\/ccache:\/root\/\.cache\/ccache"/);
  for (const id of ['shard', 'full-tests', 'fuzz', 'bisect']) {
    const nightly = jobsOf('nightly.yml')[id]!.steps.filter((s) => s.uses?.startsWith('actions/cache')).map((s) => s.with!.path);
    t.same(nightly, ['~/.cache/ipvs-verify/kernels', '~/.cache/ccache'], `nightly ${id}`);
  }
  // Both key the kernels and ccache by the tool's own content hash (ccache falling
  // back to the newest of any key), and that key comes from `ipvs-verify cache-key`.
  for (const job of [ci, jobsOf('nightly.yml').shard!, jobsOf('nightly.yml')['full-tests']!, jobsOf('nightly.yml').fuzz!, jobsOf('nightly.yml').bisect!]) {
    const caches = job.steps.filter((s) => s.uses?.startsWith('actions/cache'));
    t.same(
      caches.map((s) => [s.with!.key, s.with!['restore-keys']]),
      [
        ['${{ steps.key.outputs.key }}', undefined],
        ['ccache-${{ steps.key.outputs.key }}', 'ccache-'],
      ],
    );
    const keyStep = job.steps.find((s) => (s as Step & { id?: string }).id === 'key')!;
    t.match(keyStep.run, /node bin\/ipvs-verify\.js cache-key/);
  }
});
