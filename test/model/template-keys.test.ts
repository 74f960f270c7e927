// The model's template keys: IPv4 sources as they are (the simulator masks
// them), IPv6 sources masked here by the prefix length and numbered, so that
// two sources share a key exactly when the kernel's masked addresses are equal.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../../src/scenario/load.ts';
import { floodPlan } from '../../src/flood/plan.ts';
import { floodSpecOf } from '../../src/scenario/schema.ts';
import { maskIpv6, formatIpv6Full } from '../../src/flood/addr6.ts';
import { templateKeys, modelNetmaskBits } from '../../src/model/template-keys.ts';
import { clientAddress } from '../../src/scenario/topology.ts';

const smoke = readFileSync(new URL('../../fixtures/scenarios/smoke.yaml', import.meta.url), 'utf8');
const v6 = (netmask: string, sources = '') =>
  parseScenario(smoke.replace('  port: 80\n', '  family: ipv6\n  port: 80\n').replace(/netmask: .*/, `netmask: ${netmask}`).replace('flood:\n', `flood:\n${sources}`), 'v6.yaml');

t.test('IPv4: the plan’s sources and the clients’ addresses, masked by the simulator', async (t) => {
  const s = parseScenario(smoke, 'smoke.yaml');
  const plan = floodPlan(floodSpecOf(s));
  const k = templateKeys(s, plan, 10, [1, 2]);
  t.same([...k.floodSrc], [...plan.src.subarray(0, 10)]);
  t.same([...k.clientSrc], [clientAddress(1), clientAddress(2)]);
  t.equal(modelNetmaskBits(s), 32);
});

t.test('IPv6: one key per distinct masked source, clients included; whole keys for the simulator', async (t) => {
  for (const bits of [128, 64, 8]) {
    const s = v6(`/${bits}`, '  sources: { pool: 50 }\n');
    t.equal(modelNetmaskBits(s), 32, 'the simulator compares keys whole');
    const plan = floodPlan(floodSpecOf(s));
    const n = 400;
    const k = templateKeys(s, plan, n, [1, 2, 1]);
    const masked = Array.from({ length: n }, (_, i) => formatIpv6Full(maskIpv6(plan.src6!.subarray(4 * i, 4 * i + 4), bits)));
    for (let i = 0; i < n; i += 37) {
      for (let j = i + 1; j < n; j += 53) t.equal(k.floodSrc[i] === k.floodSrc[j], masked[i] === masked[j], `/${bits}: packets ${i} and ${j} share a key iff their masked sources are equal`);
    }
    t.equal(new Set(k.floodSrc).size, new Set(masked).size, `/${bits}: as many keys as masked sources`);
    t.equal(k.clientSrc[0], k.clientSrc[2], 'a client keeps its key');
    t.equal(k.clientSrc[0] === k.clientSrc[1], bits <= 16, `/${bits}: clients fd00:1:1::2 and fd00:1:2::2 share one only under /16 or shorter`);
    // The flood draws from 2000::/3 (first byte 0x20..0x3f), the clients sit in
    // fd00::/8 (first byte 0xfd): apart under every prefix length from /3 on, /8 included.
    t.notOk(k.floodSrc.includes(k.clientSrc[0]!) || k.floodSrc.includes(k.clientSrc[1]!), `/${bits}: no flood source under a client’s key (2000::/3 against fd00::/8)`);
    if (bits === 8) {
      // By hand: /8 keeps the first byte only, so a flood source's masked address
      // is XX00:0000:...:0000 with XX one of the 32 values 0x20..0x3f; the pool's
      // 50 sources, uniform over them, land on about 32 (1 - (31/32)^50) = 25.6.
      t.ok(masked.every((m) => /^[23][0-9a-f]00(:0000){7}$/.test(m)), '/8: every masked flood source is XX00:: with XX in 20..3f');
      const keys = new Set(k.floodSrc).size;
      t.ok(keys >= 16 && keys <= 32, `/8: ${keys} keys, at most the 32 first bytes 2000::/3 allows`);
    }
  }
});
