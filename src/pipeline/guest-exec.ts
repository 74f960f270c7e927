// `ipvs-verify exec -- cmd ...`: boots a built variant with the guest tools and
// runs one command (or script) in it, streaming its output, returning its exit
// code, as virtme-ng's `vng -- cmd` does.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kernelError } from '../errors.ts';
import { buildInitramfs } from '../guest/initramfs.ts';
import { guestTools } from '../guest/initramfs-plan.ts';
import { bootGuest, bootFailure } from '../qemu/run.ts';
import type { Accel } from '../qemu/args.ts';
import type { BuiltKernel } from '../kbuild/kernel.ts';
import { removeOnExit } from '../host/cleanup.ts';
import { quote } from '../guest/plan/shell.ts';

const EXIT_MARKER = /\n?@@ipvs-verify-exit (\d+)@@\n?/;

/** Shell text that runs argv exactly as given (each word single-quoted). */
export function commandScript(argv: string[]): string {
  return `export PATH=/usr/sbin:/usr/bin:/sbin:/bin\n${argv.map(quote).join(' ')}\n`;
}

/** Splits the guest's output into what to show and the command's exit code, once the marker has come. */
export function splitExit(text: string): { output: string; code?: number } {
  const m = EXIT_MARKER.exec(text);
  if (!m) return { output: text };
  return { output: text.slice(0, m.index), code: Number(m[1]) };
}

export interface ExecOptions {
  kernel: BuiltKernel;
  arch: string;
  accel: Accel;
  warp: boolean;
  argv: string[];
  timeoutSeconds: number;
  /** Extra files for the guest (guest path -> host path), e.g. a script. */
  files?: { guest: string; host: string; mode: number }[];
  kernelArgs?: string[];
  /** --coverage: after the command, the guest sends its gcov data here (ttyS2). */
  coverageFile?: string;
  out: (chunk: string) => void;
  log: (s: string) => void;
}

export async function execInGuest(o: ExecOptions): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'ipvs-verify-exec-'));
  const forget = removeOnExit(dir);
  try {
    const script = join(dir, 'exec.sh');
    await writeFile(script, commandScript(o.argv));
    const initrd = join(dir, 'initramfs.cpio');
    // /etc/coverage asks vm/init to send the gcov data once the command is over.
    const flag = join(dir, 'coverage');
    if (o.coverageFile) await writeFile(flag, '1\n');
    await buildInitramfs({
      genInitCpio: o.kernel.genInitCpio,
      tools: guestTools('exec'),
      extra: [{ guest: '/etc/exec.sh', host: script, mode: 0o755 }, ...(o.coverageFile ? [{ guest: '/etc/coverage', host: flag, mode: 0o644 }] : []), ...(o.files ?? [])],
      out: initrd,
    });
    const plan = {
      arch: o.arch,
      accel: o.accel,
      warp: o.warp,
      kernel: o.kernel.image,
      initrd,
      cmdline: ['quiet', ...(o.kernelArgs ?? [])],
      consoleLog: join(dir, 'console.log'),
      resultsFile: join(dir, 'output'),
      memoryMiB: 512,
      ...(o.coverageFile ? { coverageFile: o.coverageFile } : {}),
    };
    // Output is shown as it comes, holding back only what might be the marker's start.
    let pending = '';
    let code: number | undefined;
    const b = await bootGuest(
      plan,
      { totalSeconds: o.timeoutSeconds, silentSeconds: Infinity, bootSeconds: o.timeoutSeconds },
      o.log,
      (chunk) => {
        if (code !== undefined) return;
        pending += chunk.toString('utf8');
        const split = splitExit(pending);
        if (split.code !== undefined) {
          code = split.code;
          o.out(split.output);
          pending = '';
          return;
        }
        const keep = pending.lastIndexOf('\n@@');
        const cut = keep >= 0 ? keep : Math.max(0, pending.length - 40);
        o.out(pending.slice(0, cut));
        pending = pending.slice(cut);
      },
    );
    const failure = bootFailure(b, plan, code !== undefined);
    if (failure) {
      // Keep the console log: copy it out of the temporary directory.
      const keep = join(tmpdir(), `ipvs-verify-exec-console-${process.pid}.log`);
      await writeFile(keep, b.console);
      throw Object.assign(failure, { message: failure.message.replaceAll(plan.consoleLog, keep) });
    }
    if (code === undefined) throw kernelError('the guest ended without the command\'s exit status');
    return code;
  } finally {
    await rm(dir, { recursive: true, force: true });
    forget();
  }
}
