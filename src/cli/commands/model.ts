// `model`: the model's predicted series for a scenario, without booting.
import type { Command } from 'commander';
import { DEFAULT_SCENARIO } from '../../pipeline/defaults.ts';
import { load } from '../load.ts';
import { intArg, variantOption } from '../options.ts';

export function modelCommand(program: Command): void {
  program
    .command('model')
    .description("print the model's predicted series for a scenario, without booting anything")
    .option('--scenario <file>', 'scenario YAML', DEFAULT_SCENARIO)
    .addOption(variantOption('variant', 'patched'))
    .option('--seed <n>', 'first seed', intArg('--seed'), 1)
    .option('--runs <n>', 'Monte Carlo runs', intArg('--runs'), 1000)
    .option('--every <s>', 'print one line every <s> seconds', intArg('--every'), 10)
    .action(async (opts) => {
      const { loadScenario } = await load.scenario();
      const { arrivalsFromScenario, paramsFor } = await load.arrivals();
      const { monteCarloParallel } = await load.monteCarlo();
      const { halfOpenName } = await load.floodStates();
      const s = await loadScenario(opts.scenario);
      const input = arrivalsFromScenario(s);
      const params = paramsFor(s, opts.variant);
      const mc = await monteCarloParallel({ params, ...input, seed: opts.seed, runs: opts.runs });
      const fmt = (b: { p5: Float64Array; p50: Float64Array; p95: Float64Array }, i: number) => `${b.p50[i]} [${b.p5[i]}..${b.p95[i]}]`;
      console.log(`${s.name}, ${opts.variant}: median [p5..p95] over ${opts.runs} runs`);
      // The synRecv series counts the flood's half-open state, which the protocol, the method and secure_tcp decide.
      console.log(['t', 'conns', halfOpenName(params), 'templates', 'assured', 'flood templates'].join('\t'));
      for (let i = 0; i < mc.t.length; i++) {
        if (Math.round(mc.t[i]!) % opts.every !== 0) continue;
        const b = mc.bands;
        console.log([mc.t[i], fmt(b.conns, i), fmt(b.synRecv, i), fmt(b.templates, i), fmt(b.assured, i), fmt(b.floodTemplates, i)].join('\t'));
      }
    });
}
