// The whole plan: its setup steps in the order vm/agent.sh ran them before
// the plan (git show 526862b:vm/agent.sh: setup_topology()'s two ip_flush
// calls around `sleep 0.05`, its sysctls and servers, then setup_ipvs()),
// written out by hand, and the files the steps name.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../../../src/scenario/load.ts';
import { guestPlan } from '../../../src/guest/plan/index.ts';

const scenario = (name: string) => parseScenario(readFileSync(new URL(`../../../fixtures/scenarios/${name}.yaml`, import.meta.url), 'utf8'), `${name}.yaml`);
const file = (name: string, path: string) => guestPlan(scenario(name), { coverage: false }).find((f) => f.path === path)?.text;

const TOPOLOGY = [
  'ip - ip-1-init',
  'ip director ip-1-director',
  'pause - 0.05',
  'ip - ip-2-init',
  'ip attacker ip-2-attacker',
  'ip rs1 ip-2-rs1',
  'ip rs2 ip-2-rs2',
  'ip client1 ip-2-client1',
  'ip client2 ip-2-client2',
  'ip director ip-2-director',
];

t.test('smoke: topology, sysctls, the servers (run: httpd forks), the service', async (t) => {
  t.equal(
    file('smoke', 'setup'),
    [
      ...TOPOLOGY,
      'sysctl director net.ipv4.ip_forward=1',
      'sysctl director net.ipv4.vs.amemthresh=1024',
      'sysctl director net.ipv4.vs.drop_entry=3',
      'run rs1 httpd -p 80 -h /etc/plan/www/rs1',
      'run rs2 httpd -p 80 -h /etc/plan/www/rs2',
      'ipvs director ipvs-director',
    ].join('\n') + '\n',
  );
});

t.test('udp: rp_filter on the real servers, socat spawned', async (t) => {
  t.equal(
    file('udp', 'setup'),
    [
      ...TOPOLOGY,
      'sysctl director net.ipv4.ip_forward=1',
      'sysctl rs1 net.ipv4.conf.all.rp_filter=1',
      'sysctl rs2 net.ipv4.conf.all.rp_filter=1',
      'sysctl director net.ipv4.vs.amemthresh=1024',
      'sysctl director net.ipv4.vs.drop_entry=3',
      "spawn rs1 socat UDP4-RECVFROM:80,fork 'EXEC:cat /etc/plan/www/rs1/id8' < /dev/null",
      "spawn rs2 socat UDP4-RECVFROM:80,fork 'EXEC:cat /etc/plan/www/rs2/id8' < /dev/null",
      'ipvs director ipvs-director',
    ].join('\n') + '\n',
  );
  t.equal(file('udp', 'request'), 'id\n');
});

t.test('sync: the backup\'s batch, the service on both, then the daemons (master first, syncid 7)', async (t) => {
  const steps = file('sync', 'setup')!.split('\n');
  t.ok(steps.includes('ip backup ip-2-backup'));
  t.same(steps.slice(-5), [
    'ipvs director ipvs-director',
    'ipvs backup ipvs-backup',
    'run director ipvsadm --start-daemon master --mcast-interface vsynca --syncid 7',
    'run backup ipvsadm --start-daemon backup --mcast-interface vsyncb --syncid 7',
    '',
  ]);
  t.equal(file('sync', 'ipvs-backup'), file('sync', 'ipvs-director'), 'the same service on the backup');
});

t.test('every file a step names is in the plan; no file twice', async (t) => {
  for (const name of ['smoke', 'udp', 'sctp', 'ipv6', 'sync', 'teardown']) {
    const plan = guestPlan(scenario(name), { coverage: false });
    const paths = plan.map((f) => f.path);
    t.equal(new Set(paths).size, paths.length, `${name}: paths unique`);
    const named = file(name, 'setup')!
      .trim()
      .split('\n')
      .filter((l) => /^(ip|ipvs) /.test(l))
      .map((l) => l.split(' ')[2]!);
    t.ok(named.length >= 8, `${name}: ${named.length} files named`);
    t.same(named.filter((p) => !paths.includes(p)), [], `${name}: all there`);
    t.ok(paths.includes('env') && paths.includes('clients'), `${name}: env and clients`);
  }
});
