// Pure: command lines as the guest's shell (dash) reads them: the agent runs
// them with eval, so every word is quoted unless it is plainly safe.

const SAFE = /^[A-Za-z0-9_./:=,@%+-]+$/;

/** A word single-quoted, its own single quotes closed, escaped and reopened. */
export const quote = (w: string) => `'${w.replace(/'/g, `'\\''`)}'`;

export const shellWord = (w: string) => (SAFE.test(w) ? w : quote(w));

/** argv as one line, with its standard input from `stdin` (a guest path) if given. */
export const commandLine = (argv: string[], stdin?: string) => argv.map(shellWord).join(' ') + (stdin === undefined ? '' : ` < ${shellWord(stdin)}`);

/** A shell variable assignment, its value always quoted. */
export const assignment = (name: string, value: string | number) => `${name}=${quote(String(value))}`;
