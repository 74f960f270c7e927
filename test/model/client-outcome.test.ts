// The client's outcome the model runs: the protocol module's entry for the
// state table (expectations read off the protocol modules' tables by hand).
import t from 'tap';
import { clientOutcome } from '../../src/model/client-outcome.ts';
import { TCP, TIME_WAIT, FIN_WAIT } from '../../src/protocols/tcp.ts';
import { UDP } from '../../src/protocols/udp.ts';

t.test("the protocol's outcome for the state table", async (t) => {
  t.equal(clientOutcome({ protocol: 'tcp', stateTable: 'both' }), TCP.client.both);
  t.equal(clientOutcome({ protocol: 'tcp', stateTable: 'both' }).state, TIME_WAIT);
  t.equal(clientOutcome({ protocol: 'tcp', stateTable: 'input-only' }).state, FIN_WAIT);
  t.equal(clientOutcome({ protocol: 'udp', stateTable: 'input-only' }), UDP.client['input-only']);
});

