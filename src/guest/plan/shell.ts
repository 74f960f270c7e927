// Pure: command lines as the guest's shell (dash) reads them: the agent runs
// them with eval, so every word is quoted unless it is plainly safe.

const SAFE = /^[A-Za-z0-9_./:=,@%+-]+$/;

export const shellWord = (w: string) => (SAFE.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);

/** argv as one line, with its standard input from `stdin` (a guest path) if given. */
export const commandLine = (argv: string[], stdin?: string) => argv.map(shellWord).join(' ') + (stdin === undefined ? '' : ` < ${shellWord(stdin)}`);

/** A shell variable assignment, its value always quoted. */
export const assignment = (name: string, value: string | number) => `${name}='${String(value).replace(/'/g, `'\\''`)}'`;
