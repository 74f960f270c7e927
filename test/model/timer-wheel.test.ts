import t from 'tap';
import { wheelFireJiffy, wheelGranularity } from '../../src/model/timer-wheel.ts';

t.test('levels and rounding, by hand (HZ=250)', async (t) => {
  // Level 0 (delta < 63): one jiffy late at most.
  t.equal(wheelFireJiffy(100, 100), 101, 'mod_timer(jiffies) fires on the next tick');
  t.equal(wheelFireJiffy(150, 100), 151);
  // Level 1 (63..503): granularity 8.
  t.equal(wheelFireJiffy(350, 100), 352, 'the 1 s defense timer: (350 >> 3) + 1 << 3');
  // Level 3 (4032..32255): granularity 512 = 2.048 s; a 60 s timer.
  t.equal(wheelFireJiffy(250 + 15000, 250), 15360);
  // Level 4 (32256..258047): granularity 4096 = 16.4 s; a 300 s timer.
  t.equal(wheelFireJiffy(250 + 75000, 250), 77824);
  t.equal(wheelFireJiffy(90, 100), 100, 'an expired timer fires now');
  t.equal(wheelGranularity(15000), 512);
  t.equal(wheelGranularity(75000), 4096);
  t.equal(wheelGranularity(10), 1);
});

t.test('never early, late by less than the granularity', async (t) => {
  const bad: string[] = [];
  for (let clk = 0; clk < 3000; clk += 7) {
    for (const d of [0, 1, 62, 63, 500, 503, 504, 4031, 4032, 15000, 75000, 225000]) {
      const fire = wheelFireJiffy(clk + d, clk);
      if (fire < clk + d || fire > clk + d + wheelGranularity(d)) bad.push(`clk ${clk} delta ${d}: ${fire}`);
    }
  }
  t.same(bad, []);
});
