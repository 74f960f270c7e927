// Pure: the default directory of a run's record, runs/<time>-<what>: the
// time in UTC as toISOString() writes it, with ':' and '.' made '-' so the
// name is a plain file name everywhere, and names sort by time.
import { join } from 'node:path';

/** The time part: 2024-03-05T07:08:09.012Z -> 2024-03-05T07-08-09-012Z. */
export const runStamp = (at: Date = new Date()): string => at.toISOString().replace(/[:.]/g, '-');

/** runs/<time>-<what>, relative to the working directory. */
export const defaultRunDir = (what: string, at: Date = new Date()): string => join('runs', `${runStamp(at)}-${what}`);
