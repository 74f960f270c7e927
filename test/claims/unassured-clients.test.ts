// Where the series assures no client's template, read off the patched model's
// parameters (the protocol modules' client outcomes, written out by hand).
import t from 'tap';
import { clientsNeverAssured, patchedModel } from '../../src/claims/unassured-clients.ts';
import { defaultParams, type ModelParams } from '../../src/model/params.ts';
import { UDP_NOT_ASSURED } from '../../src/protocols/udp.ts';

const p = (over: Partial<ModelParams>, variant: 'base' | 'patched' = 'patched'): ModelParams => ({ ...defaultParams(variant), ...over });

t.test('every protocol over NAT assures; TCP and SCTP over DR/TUN too; UDP over DR/TUN never, with udp_state_transition() as the reason', async (t) => {
  const assuring = [p({ protocol: 'tcp' }), p({ protocol: 'udp' }), p({ protocol: 'sctp' }), p({ protocol: 'tcp', stateTable: 'input-only' }), p({ protocol: 'sctp', stateTable: 'input-only' })];
  t.equal(assuring.length, 5);
  for (const x of assuring) t.equal(clientsNeverAssured(x), undefined, `${x.protocol} ${x.stateTable}`);
  t.equal(clientsNeverAssured(p({ protocol: 'udp', stateTable: 'input-only' })), UDP_NOT_ASSURED);
});

t.test("only the patched model's parameters say it; one-packet scheduling is judged as before", async (t) => {
  t.equal(clientsNeverAssured(p({ protocol: 'udp', stateTable: 'input-only' }, 'base')), undefined, "base's run: its claim (nothing ASSURED) holds anyway");
  t.equal(clientsNeverAssured(p({ protocol: 'udp', stateTable: 'input-only', ops: true })), undefined, 'OPS: never assured under any method, protected through todrop_entry()');
  t.equal(clientsNeverAssured(p({ protocol: 'udp', ops: true })), undefined);
});

t.test("the patched model of a run's pair, whichever side it is on", async (t) => {
  const base = p({}, 'base');
  const patched = p({});
  t.equal(patchedModel({ own: patched, other: base }), patched);
  t.equal(patchedModel({ own: base, other: patched }), patched);
});
