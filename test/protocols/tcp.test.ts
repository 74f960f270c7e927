import t from 'tap';
import { TCP, SYN_RECV, ESTABLISHED, TIME_WAIT } from '../../src/protocols/tcp.ts';
import { DROP, KEEP, TODROP } from '../../src/protocols/types.ts';
import { TCP_TIMEOUTS } from '../../src/model/params.ts';

t.test('TCP as data: what a flood SYN and a client leave, and the drop rule by state', async (t) => {
  t.same({ state: TCP.flood.state, inPkts: TCP.flood.inPkts, timeout: TCP.flood.timeoutS(TCP_TIMEOUTS) }, { state: SYN_RECV, inPkts: 1, timeout: 60 }, 'SYN_RECV for tcp_timeouts[SYN_RECV]');
  t.same({ state: TCP.client.state, timeout: TCP.client.timeoutS(TCP_TIMEOUTS), assures: TCP.client.assures }, { state: TIME_WAIT, timeout: 120, assures: true });
  t.equal(TCP.dropRule[SYN_RECV], DROP, 'ip_vs_random_dropentry(): SYN_RECV always');
  t.equal(TCP.dropRule[ESTABLISHED], TODROP, 'ESTABLISHED through todrop_entry()');
  t.equal(TCP.dropRule[TIME_WAIT], KEEP);
  t.equal(TCP.dropRule[0], KEEP, 'NONE never');
  t.equal(TCP.embryonic, SYN_RECV);
});
