// The client's outcome the model runs: the protocol module's entry for the
// state table, and whether the series' code can assure a client's template
// there (expectations read off the protocol modules' tables by hand).
import t from 'tap';
import { clientOutcome, clientsAssured } from '../../src/model/client-outcome.ts';
import { TCP, TIME_WAIT, FIN_WAIT } from '../../src/protocols/tcp.ts';
import { UDP } from '../../src/protocols/udp.ts';

t.test("the protocol's outcome for the state table", async (t) => {
  t.equal(clientOutcome({ protocol: 'tcp', stateTable: 'both' }), TCP.client.both);
  t.equal(clientOutcome({ protocol: 'tcp', stateTable: 'both' }).state, TIME_WAIT);
  t.equal(clientOutcome({ protocol: 'tcp', stateTable: 'input-only' }).state, FIN_WAIT);
  t.equal(clientOutcome({ protocol: 'udp', stateTable: 'input-only' }), UDP.client['input-only']);
});

t.test('the series assures clients: every protocol over NAT, TCP and SCTP over DR/TUN; never UDP over DR/TUN, nor one-packet scheduling', async (t) => {
  const cases = [
    [{ protocol: 'tcp', stateTable: 'both' }, true],
    [{ protocol: 'tcp', stateTable: 'input-only' }, true],
    [{ protocol: 'sctp', stateTable: 'input-only' }, true],
    [{ protocol: 'udp', stateTable: 'both' }, true],
    [{ protocol: 'udp', stateTable: 'input-only' }, false],
    [{ protocol: 'udp', stateTable: 'both', ops: true }, false],
  ] as const;
  t.equal(cases.length, 6);
  for (const [p, want] of cases) t.equal(clientsAssured(p), want, JSON.stringify(p));
});
