// Expectations written by hand from vm/agent.sh before the plan (git show
// 526862b:vm/agent.sh): setup_topology()'s ip_forward (and IPv6 forwarding),
// UDP's rp_filter=1 on each real server, setup_ipvs()'s amemthresh and
// drop_entry on the director.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../../../src/scenario/load.ts';
import { sysctlPlan } from '../../../src/guest/plan/sysctls.ts';
import { topologyPlan } from '../../../src/guest/plan/topology.ts';

const scenario = (name: string) => parseScenario(readFileSync(new URL(`../../../fixtures/scenarios/${name}.yaml`, import.meta.url), 'utf8'), `${name}.yaml`);
const lines = (name: string) => {
  const s = scenario(name);
  return sysctlPlan(s, topologyPlan(s).sysctls).map((x) => `${x.ns} ${x.key}=${x.value}`);
};

t.test('smoke: forwarding, then the defense settings from the scenario', async (t) => {
  t.same(lines('smoke'), ['director net.ipv4.ip_forward=1', 'director net.ipv4.vs.amemthresh=1024', 'director net.ipv4.vs.drop_entry=3']);
});

t.test('udp: strict reverse-path filtering on each real server', async (t) => {
  t.same(lines('udp'), [
    'director net.ipv4.ip_forward=1',
    'rs1 net.ipv4.conf.all.rp_filter=1',
    'rs2 net.ipv4.conf.all.rp_filter=1',
    'director net.ipv4.vs.amemthresh=1024',
    'director net.ipv4.vs.drop_entry=3',
  ]);
});

t.test('ipv6: IPv6 forwarding as well; sctp: nothing on the real servers', async (t) => {
  t.same(lines('ipv6'), [
    'director net.ipv4.ip_forward=1',
    'director net.ipv6.conf.all.forwarding=1',
    'director net.ipv4.vs.amemthresh=1024',
    'director net.ipv4.vs.drop_entry=3',
  ]);
  t.same(lines('sctp'), ['director net.ipv4.ip_forward=1', 'director net.ipv4.vs.amemthresh=1024', 'director net.ipv4.vs.drop_entry=3']);
});

t.test('sync-v0: the master set to sync protocol version 0, last, before its daemon starts', async (t) => {
  // fixtures/scenarios/sync-v0.yaml: sync.yaml with sysctl.sync_version 0; sync.yaml sets none (the kernel's 1).
  t.same(lines('sync-v0'), [
    'director net.ipv4.ip_forward=1',
    'director net.ipv4.vs.amemthresh=1024',
    'director net.ipv4.vs.drop_entry=3',
    'director net.ipv4.vs.sync_version=0',
  ]);
  t.notOk(lines('sync').some((l) => l.includes('sync_version')), 'sync: the default left alone');
});

t.test('secure-tcp-dr: secure_tcp after amemthresh and drop_entry (update_defense_level() reads them when it is written)', async (t) => {
  // fixtures/scenarios/secure-tcp-dr.yaml: dr-tcp.yaml with sysctl.secure_tcp 3; dr-tcp sets no knob.
  const tail = lines('secure-tcp-dr').slice(-3);
  t.same(tail, ['director net.ipv4.vs.amemthresh=1024', 'director net.ipv4.vs.drop_entry=3', 'director net.ipv4.vs.secure_tcp=3']);
  t.notOk(lines('dr-tcp').some((l) => /secure_tcp|sloppy/.test(l)), 'dr-tcp: the kernel defaults left alone');
});
