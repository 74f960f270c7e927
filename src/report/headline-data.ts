// Pure: the headline's numbers (base's and patched's template counts, each with
// the band of the model it was judged by), taken from the judgement as the band
// plots take theirs (./curves.ts), and kept in the record as headline.json so a
// suite's report draws the same picture without judging again.
import type { Judged, Verdict } from '../compare/verdict.ts';
import { VARIANTS, type Variant } from '../model/params.ts';
import { curvesOf, type Curves } from './curves.ts';

/** The series the patch mail's story is told in. */
const HEADLINE_SERIES = 'templates' as const;

export interface HeadlineVariant extends Curves {
  /** The model the variant was judged by. */
  model: Variant;
}

export interface HeadlineData {
  series: typeof HEADLINE_SERIES;
  variants: Partial<Record<Variant, HeadlineVariant>>;
}

export function headlineData(judged: Judged): HeadlineData {
  const variants: HeadlineData['variants'] = {};
  for (const v of VARIANTS) {
    const d = judged.detail[v];
    if (!d) continue;
    variants[v] = { model: modelOf(judged.verdict, v), ...curvesOf(d, HEADLINE_SERIES) };
  }
  return { series: HEADLINE_SERIES, variants };
}

export const modelOf = (v: Pick<Verdict, 'variants'>, variant: Variant): Variant => v.variants[variant]?.modelVariant ?? variant;
