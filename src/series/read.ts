// Reads a patch series: git format-patch files or mbox files holding several
// messages. A cover letter (a message without a diff) is skipped, and an empty
// series is an error.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parsePatch } from 'diff';
import { userError } from '../errors.ts';

export interface SeriesPatch {
  /** File it came from, and the message's index within it when it is an mbox. */
  origin: string;
  subject: string;
  /** The diff part alone, as patch(1) takes it. */
  diff: string;
  /** Paths (without a/ b/) the patch touches. */
  files: string[];
  hunks: { file: string; header: string }[];
}

// git format-patch's first line; mbox messages start with "From ".
const MESSAGE_START = /^From [^\s]+ .*\d{4}$/m;

function splitMessages(text: string): string[] {
  const starts: number[] = [];
  const re = new RegExp(MESSAGE_START.source, 'gm');
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index);
  if (starts.length === 0) return [text];
  return starts.map((s, i) => text.slice(s, starts[i + 1] ?? text.length));
}

function subjectOf(message: string): string {
  const m = /^Subject:\s*(.*(?:\n[ \t].*)*)/m.exec(message);
  return m ? m[1]!.replace(/\n[ \t]+/g, ' ').trim() : '(no subject)';
}

/** The diff of one message, cut before git's "-- " signature, which jsdiff chokes on. */
function diffOf(message: string): string | undefined {
  const start = message.search(/^(diff --git |--- (a\/|\S))/m);
  if (start < 0) return undefined;
  let diff = message.slice(start);
  const sig = diff.search(/^-- $/m);
  if (sig >= 0) diff = diff.slice(0, sig);
  return diff;
}

const strip = (p: string | undefined) => (p ?? '').replace(/^[ab]\//, '');

export function parseSeriesText(text: string, origin: string): SeriesPatch[] {
  const out: SeriesPatch[] = [];
  const messages = splitMessages(text);
  messages.forEach((msg, i) => {
    const diff = diffOf(msg);
    if (diff === undefined) return; // cover letter or a reply without a diff
    let parsed;
    try {
      parsed = parsePatch(diff);
    } catch (e) {
      throw userError(`${origin}: cannot parse the diff: ${(e as Error).message}`);
    }
    const files: string[] = [];
    const hunks: { file: string; header: string }[] = [];
    for (const p of parsed) {
      const file = strip(p.newFileName === '/dev/null' ? p.oldFileName : p.newFileName);
      if (!file) continue;
      files.push(file);
      for (const h of p.hunks) hunks.push({ file, header: `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@` });
    }
    if (files.length === 0) return;
    out.push({ origin: messages.length > 1 ? `${origin}#${i + 1}` : origin, subject: subjectOf(msg), diff, files, hunks });
  });
  return out;
}

export async function readSeries(paths: string[]): Promise<SeriesPatch[]> {
  const out: SeriesPatch[] = [];
  for (const p of paths) {
    let text: string;
    try {
      text = await readFile(p, 'utf8');
    } catch (e) {
      throw userError(`cannot read patch ${p}: ${(e as Error).message}`);
    }
    const patches = parseSeriesText(text, basename(p));
    if (patches.length === 0) throw userError(`${p}: no diff found (an empty patch, or only a cover letter)`);
    out.push(...patches);
  }
  if (out.length === 0) throw userError('empty patch series');
  return out;
}

export const touchedFiles = (series: SeriesPatch[]) => [...new Set(series.flatMap((p) => p.files))].sort();
