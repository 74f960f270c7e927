// The shared option builders: one warp default (on, under TCG) for every command
// that boots a guest. Expected by hand from the builders' meaning: no flag is
// warp on, --no-warp off, --warp on.
import t from 'tap';
import { makeProgram } from '../../src/cli/program.ts';

async function warpOf(argv: string[]): Promise<unknown> {
  const program = makeProgram();
  let warp: unknown = 'not parsed';
  for (const c of program.commands) {
    c.action(function (this: { opts(): { warp?: unknown } }) {
      warp = this.opts().warp;
    });
  }
  await program.parseAsync(argv, { from: 'user' });
  return warp;
}

const commands: [string, string[], string[]][] = [
  ['verify', ['verify'], []],
  ['matrix', ['matrix', '--shard', '1/2', '--out', 'x'], []],
  ['exec', ['exec'], ['--', 'true']],
];

t.test('every command that boots a guest warps by default, and takes --warp and --no-warp', async (t) => {
  t.equal(commands.length, 3);
  for (const [name, head, tail] of commands) {
    t.equal(await warpOf([...head, ...tail]), true, `${name}: on by default`);
    t.equal(await warpOf([...head, '--no-warp', ...tail]), false, `${name} --no-warp: off`);
    t.equal(await warpOf([...head, '--warp', ...tail]), true, `${name} --warp: on`);
  }
});
