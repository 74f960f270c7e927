// The HTML report in a real browser (headless Chromium): it renders, and the
// plots and the claim table are in the page it renders.
import t from 'tap';
import { cpSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { reportRecord } from '../../src/report/write.ts';
import { whichTool } from '../../src/host/tools.ts';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

t.test('report.html in headless Chromium', async (t) => {
  const chromium = await whichTool('chromium');
  if (!chromium) {
    t.fail('chromium is missing: scripts/install-deps.sh installs it');
    return;
  }
  const dir = t.testdir({ profile: {} });
  const run = join(dir, 'run');
  cpSync(new URL('../../fixtures/runs/smoke-2/', import.meta.url).pathname, run, { recursive: true });
  await reportRecord(run, { mcRuns: 200 });
  const page = `file://${join(run, 'report.html')}`;
  const common = [...FLAGS, `--user-data-dir=${join(dir, 'profile')}`];
  const dom = await execa(chromium, [...common, '--dump-dom', page], { timeout: 120_000 });
  t.equal((dom.stdout.match(/<svg /g) ?? []).length, 6, 'the headline and five plots in the rendered DOM');
  t.ok(dom.stdout.indexOf('<figure id="headline"') < dom.stdout.indexOf('<p id="verdict"'), 'the headline first');
  t.match(dom.stdout, /<table id="claims">/);
  t.match(dom.stdout, /The kernels do what the models predict/);
  const png = join(dir, 'report.png');
  await execa(chromium, [...common, `--screenshot=${png}`, '--window-size=1200,2400', page], { timeout: 120_000, reject: false });
  t.ok(existsSync(png) && statSync(png).size > 20_000, 'a screenshot with something drawn in it');
});
