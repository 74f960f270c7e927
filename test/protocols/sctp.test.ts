// SCTP in the one table simulator: hand-checkable cases (HZ=250; see
// test/model/sim.test.ts for TCP's and test/model/timer-wheel.test.ts for the rounding).
import t from 'tap';
import { SCTP, INIT1, ESTABLISHED, CLOSED } from '../../src/protocols/sctp.ts';
import { DROP, KEEP, TODROP } from '../../src/protocols/types.ts';
import { TCP_TIMEOUTS, defaultParams, type Arrivals, type ModelParams } from '../../src/model/params.ts';
import { simulate } from '../../src/model/sim.ts';
import { wheelFireJiffy } from '../../src/model/timer-wheel.ts';

const HZ = 250;
const none = { clientTimes: new Float64Array(0), clientIds: new Int32Array(0), clientSrc: new Uint32Array(0) };
const oneInit: Arrivals = { flood: Float64Array.of(1), ...none };
const oneClient: Arrivals = { flood: new Float64Array(0), clientTimes: Float64Array.of(1), clientIds: Int32Array.of(1), clientSrc: Uint32Array.of(0x0a010102) };
const everyJiffy = (seconds: number) => Float64Array.from({ length: seconds * HZ + 1 }, (_, j) => j / HZ);
const params = (over: Partial<ModelParams>, variant: 'base' | 'patched' = 'patched'): ModelParams => ({ ...defaultParams(variant), protocol: 'sctp', ...over });
function firstJiffy(series: Int32Array, v: number): number {
  for (let j = 1; j < series.length; j++) if (series[j] === v && series[j - 1] !== v) return j;
  return -1;
}

t.test('SCTP as data: INIT1 4 s and always dropped, ESTABLISHED through todrop_entry(), a closed association kept 61 s', async (t) => {
  t.same({ state: SCTP.flood.state, inPkts: SCTP.flood.inPkts, timeout: SCTP.flood.timeoutS(TCP_TIMEOUTS) }, { state: INIT1, inPkts: 1, timeout: 4 });
  t.same({ state: SCTP.client.state, timeout: SCTP.client.timeoutS(TCP_TIMEOUTS), assures: SCTP.client.assures }, { state: CLOSED, timeout: 61, assures: true });
  t.same([SCTP.dropRule[0], SCTP.dropRule[INIT1], SCTP.dropRule[ESTABLISHED], SCTP.dropRule[CLOSED]], [KEEP, DROP, TODROP, KEEP]);
  t.equal(SCTP.embryonicName, 'INIT1', 'the half-open state as /proc names it');
});

t.test('no drops: an INIT lives sctp_timeouts[INIT1] (4 s) in the synRecv series, its template the persistence', async (t) => {
  const o = simulate({ params: params({ dropEntry: 0 }), arrivals: oneInit, sampleTimes: everyJiffy(320), seed: 1 });
  t.equal(firstJiffy(o.series.conns, 1), 250);
  t.equal(o.series.synRecv[2 * HZ], 1, 'half-open: INIT1');
  // 1000 jiffies ahead is the wheel's level 2 (granularity 64): 1250 fires at 1280.
  const connGone = wheelFireJiffy(250 + 4 * HZ, 250);
  t.equal(connGone, 1280);
  t.equal(firstJiffy(o.series.conns, 0), connGone, 'the connection 4 s on, rounded by the wheel');
  t.equal(o.series.templates[connGone], 1, 'its template stays: the connection expired by its timer, not dropped');
  t.equal(firstJiffy(o.series.templates, 0), wheelFireJiffy(250 + 300 * HZ, 250), 'the template at its persistence, rounded');
});

t.test('drop_entry 3: patched drops the template a scan finds without connections; base keeps it to its persistence', async (t) => {
  let dropped = 0;
  for (let seed = 1; seed <= 10; seed++) {
    const p = simulate({ params: params({ tabBits: 8 }), arrivals: oneInit, sampleTimes: everyJiffy(250), seed });
    const connGone = firstJiffy(p.series.conns, 0);
    t.ok(connGone > 250 && connGone <= 1280, `patched seed ${seed}: the INIT1 entry goes within its 4 s (${connGone})`);
    const tplGone = firstJiffy(p.series.templates, 0);
    if (tplGone > 0) {
      t.ok(tplGone >= connGone, 'the template not before its connection');
      dropped++;
    }
    const b = simulate({ params: params({ tabBits: 8 }, 'base'), arrivals: oneInit, sampleTimes: everyJiffy(250), seed });
    t.equal(b.series.templates[250 * HZ], 1, "base: a template is never the scan's");
  }
  // (256 buckets, 8 draws a scan: a lone template is picked within 245 s of scans in ~99.9% of seeds.)
  t.ok(dropped >= 9, `patched: ${dropped} of 10 seeds dropped the template within 250 s`);
});

t.test("a client's association: ASSURED (patched) and kept; its closed entry 61 s; base's template not ASSURED", async (t) => {
  const p = simulate({ params: params({ tabBits: 8 }), arrivals: oneClient, sampleTimes: everyJiffy(250), seed: 5 });
  t.equal(p.series.assured[2 * HZ], 1, 'ESTABLISHED assures it');
  t.equal(p.series.synRecv[2 * HZ], 0, 'nothing half-open');
  t.equal(firstJiffy(p.series.conns, 0), wheelFireJiffy(250 + 61 * HZ, 250), 'CLOSED: 61 s, never dropped');
  t.equal(p.series.templates[250 * HZ], 1, 'the ASSURED template stays to its persistence');
  const b = simulate({ params: params({ tabBits: 8 }, 'base'), arrivals: oneClient, sampleTimes: everyJiffy(250), seed: 5 });
  t.equal(b.series.assured[2 * HZ], 0, 'base has no assured state');
  t.equal(b.series.templates[250 * HZ], 1, 'base keeps it too (a template is never the scan’s)');
});
