// Expectations written by hand from the fixtures' values and from what
// vm/agent.sh read before the plan (git show 526862b:vm/agent.sh): its
// wait_until took seconds through cs() (12.345 -> 1234 centiseconds), its
// flood ran `tcpreplay --timer=nano --pps=RATE --stats=1 --intf1=vatta
// /etc/flood.pcap` in the attacker's namespace.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../../../src/scenario/load.ts';
import { centiseconds, timingEnv } from '../../../src/guest/plan/timing.ts';

const scenario = (name: string) => parseScenario(readFileSync(new URL(`../../../fixtures/scenarios/${name}.yaml`, import.meta.url), 'utf8'), `${name}.yaml`);

t.test('centiseconds: as the agent\'s cs() reads a time, the rest cut off', async (t) => {
  t.equal(centiseconds(12), 1200);
  t.equal(centiseconds(12.5), 1250);
  t.equal(centiseconds(0.05), 5);
  t.equal(centiseconds(0.29), 29, 'not 28 (0.29 * 100 is 28.999... in binary)');
  t.equal(centiseconds(12.345), 1234);
});

t.test('smoke: the run\'s times and the flood\'s command', async (t) => {
  t.equal(
    timingEnv(scenario('smoke'), { coverage: false }),
    [
      "NAME='smoke'",
      "DURATION_CS='16000'",
      "CLIENT_START_CS='100'",
      "CLIENT_STOP_CS='6000'",
      "CLIENT_INTERVAL='5'",
      "FLOOD_START_CS='300'",
      "FLOOD_RATE='200'",
      "FLOOD_COUNT='1000'",
      "FLOOD_NS='attacker'",
      "FLOOD_CMD='tcpreplay --timer=nano --pps=200 --stats=1 --intf1=vatta /etc/flood.pcap'",
      "TEARDOWN='0'",
      "SYNC='0'",
      "COVERAGE='0'",
    ].join('\n') + '\n',
  );
});

t.test('teardown and sync scenarios, coverage asked for, a name with a quote', async (t) => {
  const td = timingEnv(scenario('teardown'), { coverage: true });
  t.match(td, /^DURATION_CS='14500'$/m);
  t.match(td, /^CLIENT_START_CS='0'$/m);
  t.match(td, /^FLOOD_START_CS='100'$/m);
  t.match(td, /^TEARDOWN='1'$/m);
  t.match(td, /^COVERAGE='1'$/m);
  t.match(timingEnv(scenario('sync'), { coverage: false }), /^SYNC='1'$/m);
  t.match(timingEnv({ ...scenario('smoke'), name: "it's" }, { coverage: false }), /^NAME='it'\\''s'$/m);
});
