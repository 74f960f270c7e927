// A suite's headlines: each record's headline.json (the picture's numbers as its
// judgement had them, written with its reports), one run per forwarding method
// picked by ./headline-pick.ts, drawn with the run report's own builder.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Verdict } from '../compare/verdict.ts';
import { userError } from '../errors.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { HeadlineData } from './headline-data.ts';
import { HEADLINE_TITLE, headlineCaption, headlinePlot } from './headline.ts';
import { pickHeadlines, type HeadlineCandidate } from './headline-pick.ts';
import type { Headline } from './headline-figure.ts';
import { toSvg } from './svg.ts';

export const HEADLINE_FILE = 'headline.json';

/** A record as a merge reads it: its directory, its name in the merged report, its result.json. */
export interface MergedRecord {
  dir: string;
  run: string;
  verdict: Verdict;
  metadata?: { scenario?: { value?: Scenario } };
}

interface Candidate extends HeadlineCandidate {
  data: HeadlineData;
  verdict: Verdict;
}

/** Records written before the headline (no headline.json), or without a scenario, have none. */
async function candidateOf(r: MergedRecord): Promise<Candidate | undefined> {
  const scenario = r.metadata?.scenario?.value;
  const text = await readFile(join(r.dir, HEADLINE_FILE), 'utf8').catch(() => undefined);
  if (!scenario || text === undefined) return undefined;
  return { run: r.run, method: scenario.service.forwarding, flood: scenario.flood.count, verdict: r.verdict, data: parseHeadline(text, join(r.dir, HEADLINE_FILE)) };
}

function parseHeadline(text: string, file: string): HeadlineData {
  try {
    return JSON.parse(text) as HeadlineData;
  } catch (e) {
    // A damaged record is bad input (exit 2), as a damaged result.json is.
    throw userError(`${file} is not JSON: ${(e as Error).message}`);
  }
}

export async function suiteHeadlines(records: MergedRecord[]): Promise<(Headline & { run: string })[]> {
  const candidates: Candidate[] = [];
  for (const r of records) {
    const c = await candidateOf(r);
    if (c) candidates.push(c);
  }
  const out: (Headline & { run: string })[] = [];
  for (const c of pickHeadlines(candidates)) {
    const svg = await toSvg(headlinePlot(c.data, `${c.method}: ${c.run}: ${HEADLINE_TITLE}`));
    out.push({ id: `headline-${c.method}`, run: c.run, svg, caption: `${c.method.toUpperCase()} (${c.run}): ${headlineCaption(c.verdict)}` });
  }
  return out;
}
