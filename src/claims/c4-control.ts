// Pure: claim C4, carried by the pair of runs: the control. Where neither
// model drops an entry, the series' changes to the drop path never run, and
// the two variants' models are one (but for the ASSURED state): each kernel's
// templates must then lie in that one band. No entry is dropped when
// update_defense_level() leaves drop_entry's effective mode off (dropEntryOn):
// drop_entry 0, or 1 or 2 with free memory above amemthresh, which is read off
// the models' own parameters, as the Monte Carlos ran.
import { dropEntryOn } from '../model/defense.ts';
import { VARIANTS, type ModelParams, type Variant } from '../model/params.ts';
import type { BandCheck } from '../compare/bands.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Applies, Judgement, PairClaimModule, PairContext, RunModels } from './types.ts';
import { inconclusive, round } from './separation.ts';

const NEEDS = 'the control needs drop_entry 0, or 1 or 2 with free memory above amemthresh';

/** The models' parameters, each run's own and other model, of the runs that were made. */
const paramsOf = (models: Partial<Record<Variant, RunModels | undefined>>): { run: Variant; p: ModelParams }[] =>
  VARIANTS.flatMap((run) => (models[run] ? [{ run, p: models[run].own }, { run, p: models[run].other }] : []));

function appliesTo(_s: Scenario, models: Partial<Record<Variant, RunModels>>): Applies {
  const dropping = paramsOf(models).find((x) => dropEntryOn(x.p));
  if (dropping) {
    const d = dropping.p.dropEntry;
    return d === 3
      ? `the scenario runs drop_entry 3: the defense drops entries whatever the memory; ${NEEDS}`
      : `the scenario runs drop_entry ${d} and free memory fell below amemthresh in ${dropping.run}'s run: update_defense_level() turned the drop on; ${NEEDS}`;
  }
  if (!models.base || !models.patched) return 'needs both variants';
  return true;
}

/** Which no-drop case held (appliesTo has made sure one did). */
function noDropCase(c: PairContext): string {
  const d = [...new Set(paramsOf({ base: c.runs.base?.params, patched: c.runs.patched?.params }).map((x) => x.p.dropEntry))];
  if (d.length === 1 && d[0] === 0) return 'with drop_entry 0 no entry is dropped';
  return `with drop_entry ${d.join(' and ')} and free memory above amemthresh (${c.scenario.sysctl.amemthresh}) in both runs, update_defense_level() leaves the drop off`;
}

function judge(c: PairContext): Judgement {
  const templates = (v: Variant): BandCheck | undefined => c.runs[v]?.checks.find((x) => x.series === 'templates');
  const b = templates('base');
  const p = templates('patched');
  if (b === undefined || p === undefined) return inconclusive('needs both variants');
  // Each variant's templates against the one model, by the bands' own rule.
  const ok = b.agrees && p.agrees;
  return {
    outcome: ok ? 'pass' : 'fail',
    reason: `${noDropCase(c)}: the two variants' models are one (but for the ASSURED state); templates in its band: ${(100 * b.fraction).toFixed(0)}% of base's samples, ${(100 * p.fraction).toFixed(0)}% of patched's (${b.agrees ? 'agrees' : 'DISAGREES'}, ${p.agrees ? 'agrees' : 'DISAGREES'})`,
    numbers: { baseInBand: round(b.fraction), patchedInBand: round(p.fraction), baseAgrees: String(b.agrees), patchedAgrees: String(p.agrees) },
  };
}

export const C4: PairClaimModule = {
  id: 'C4',
  carriedBy: 'pair',
  title: () => 'where neither model drops an entry (drop_entry 0, or 1 or 2 with memory to spare), base and patched behave the same',
  appliesTo,
  judge,
};
