// The director's net.ipv4.vs sysctls the record keeps: as the plan writes them
// (the agent reads none back), by key. Expectations from the fixtures' sysctl: blocks by hand.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../../src/scenario/load.ts';
import { directorIpvsSysctls } from '../../src/record/metadata.ts';

const scenario = (name: string) => parseScenario(readFileSync(new URL(`../../fixtures/scenarios/${name}.yaml`, import.meta.url), 'utf8'), `${name}.yaml`);

t.test('secure-tcp-dr: amemthresh, drop_entry and secure_tcp, no other namespace, no other prefix', async (t) => {
  t.same(directorIpvsSysctls(scenario('secure-tcp-dr')), { 'net.ipv4.vs.amemthresh': 1024, 'net.ipv4.vs.drop_entry': 3, 'net.ipv4.vs.secure_tcp': 3 });
  // dr-tcp: no knob; its real servers' arp_ignore and the router's forwarding are not the director's IPVS.
  t.same(directorIpvsSysctls(scenario('dr-tcp')), { 'net.ipv4.vs.amemthresh': 1024, 'net.ipv4.vs.drop_entry': 3 });
  t.same(directorIpvsSysctls(scenario('sync-v0'))['net.ipv4.vs.sync_version'], 0);
});
