// The kernel command line by scenario family (moved from scenario/guest-env.ts).
import t from 'tap';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../../../src/scenario/load.ts';
import { scenarioCmdline } from '../../../src/guest/plan/cmdline.ts';

const scenario = (name: string) => parseScenario(readFileSync(new URL(`../../../fixtures/scenarios/${name}.yaml`, import.meta.url), 'utf8'), `${name}.yaml`);

t.test('IPv4: the table size, pointers unhashed, no IPv6 stack; IPv6 keeps it', async (t) => {
  t.same(scenarioCmdline(scenario('smoke')), ['ip_vs.conn_tab_bits=12', 'no_hash_pointers', 'ipv6.disable=1']);
  t.same(scenarioCmdline(scenario('ipv6')), ['ip_vs.conn_tab_bits=12', 'no_hash_pointers']);
});
