// The director's knobs against the service's protocol: each refused where the
// protocol's code does not read it, with its key and line (exit 2: a user
// error), accepted where it does. Expectations from the kernel's readers by
// hand: secure_tcp in tcp_timeout_change() (TCP's only timeout_change hook),
// sloppy_tcp in tcp_conn_schedule(), sloppy_sctp in sctp_conn_schedule().
import t from 'tap';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../../src/scenario/load.ts';
import { KNOB_KEYS, knobProblems } from '../../src/scenario/knobs.ts';
import { exitCodeFor } from '../../src/errors.ts';
import { PROTOCOLS } from '../../src/protocols/index.ts';
import { scenarioFailure as failure } from '../../test-support/scenario-failure.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/scenarios/${name}.yaml`, import.meta.url), 'utf8');
/** A fixture with extra lines under its sysctl: block. */
const withKnobs = (name: string, lines: string) => fixture(name).replace('sysctl:\n', `sysctl:\n${lines}`);

t.test('the three knobs, and the protocols that read them (their modules)', async (t) => {
  t.same(KNOB_KEYS, ['secure_tcp', 'sloppy_tcp', 'sloppy_sctp']);
  t.same(PROTOCOLS.tcp.knobs, ['secure_tcp', 'sloppy_tcp']);
  t.same(PROTOCOLS.sctp.knobs, ['sloppy_sctp']);
  t.equal(PROTOCOLS.udp.knobs, undefined, 'ip_vs_proto_udp.c reads none');
});

t.test('TCP takes secure_tcp and sloppy_tcp, SCTP sloppy_sctp', async (t) => {
  const tcp = parseScenario(withKnobs('smoke', '  secure_tcp: 3\n  sloppy_tcp: 1\n'), 'smoke.yaml');
  t.same([tcp.sysctl.secure_tcp, tcp.sysctl.sloppy_tcp], [3, 1]);
  t.same(knobProblems(tcp), []);
  const sctp = parseScenario(withKnobs('sctp', '  sloppy_sctp: 1\n'), 'sctp.yaml');
  t.equal(sctp.sysctl.sloppy_sctp, 1);
  t.same(knobProblems(parseScenario(fixture('secure-tcp-dr'), 'secure-tcp-dr.yaml')), []);
});

t.test('a knob on a protocol that does not read it: refused, by key and line', async (t) => {
  const udp = withKnobs('udp', '  secure_tcp: 3\n');
  const line = udp.split('\n').findIndex((l) => l.includes('secure_tcp')) + 1;
  const e = failure(udp);
  t.equal(exitCodeFor(e), 2, 'exit 2');
  t.match(e.message, new RegExp(`bad\\.yaml:${line}: sysctl\\.secure_tcp acts on TCP services only \\(the kernel reads it in tcp_timeout_change\\(\\)\\); this service is udp`));
  t.match(failure(withKnobs('sctp', '  sloppy_tcp: 1\n')).message, /sysctl\.sloppy_tcp acts on TCP services only \(the kernel reads it in tcp_conn_schedule\(\)\); this service is sctp/);
  t.match(failure(withKnobs('smoke', '  sloppy_sctp: 1\n')).message, /sysctl\.sloppy_sctp acts on SCTP services only \(the kernel reads it in sctp_conn_schedule\(\)\); this service is tcp/);
  // 0 is the kernel's own value: it asks nothing, so any protocol takes it.
  t.equal(parseScenario(withKnobs('udp', '  secure_tcp: 0\n  sloppy_sctp: 0\n'), 'udp.yaml').sysctl.secure_tcp, 0);
});

t.test('values IPVS refuses: secure_tcp outside 0..3 (proc_do_defense_mode(): -EINVAL)', async (t) => {
  t.match(failure(withKnobs('smoke', '  secure_tcp: 4\n')).message, /"sysctl\.secure_tcp" must be one of 0, 1, 2, 3/);
  t.match(failure(withKnobs('smoke', '  sloppy_tcp: 2\n')).message, /"sysctl\.sloppy_tcp" must be one of 0, 1/);
});
