import t from 'tap';
import { floodPlan, distinctKeys } from '../../src/flood/plan.ts';
import { excluded, sourceProblems } from '../../src/flood/sources.ts';
import { parseIpv4, formatIpv4, prefixLength, parseCidr, maskBits } from '../../src/flood/addr.ts';
import { VerifyError } from '../../src/errors.ts';

t.test('addresses', async (t) => {
  t.equal(parseIpv4('10.1.2.3'), 0x0a010203);
  t.equal(parseIpv4('256.1.2.3'), undefined);
  t.equal(formatIpv4(0xc0a80001), '192.168.0.1');
  t.equal(prefixLength('255.255.0.0'), 16);
  t.equal(prefixLength('255.255.255.255'), 32);
  t.equal(prefixLength('0.0.0.0'), 0);
  t.same(parseCidr('198.51.100.7/24'), { net: parseIpv4('198.51.100.0'), bits: 24 });
  t.equal(maskBits(8), 0xff000000);
  t.equal(maskBits(0), 0);
});

t.test('same seed, same packets; another seed, others', async (t) => {
  const a = floodPlan({ rate: 100, count: 1000, seed: 5, sources: 'uniform' });
  const b = floodPlan({ rate: 100, count: 1000, seed: 5, sources: 'uniform' });
  const c = floodPlan({ rate: 100, count: 1000, seed: 6, sources: 'uniform' });
  t.same(a.src, b.src);
  t.same(a.sport, b.sport);
  t.same(a.seq, b.seq);
  t.notSame(a.src, c.src);
});

t.test('uniform: no martian, reserved or harness source; every other /8 hit by 20000 SYNs', async (t) => {
  const p = floodPlan({ rate: 1000, count: 20000, seed: 1, sources: 'uniform' });
  t.ok(p.src.every((a) => !excluded(a)));
  t.ok(p.src.every((a) => a >>> 24 !== 10 && a >>> 24 !== 127 && a >>> 24 !== 0 && a >>> 24 < 224));
  // 20000 draws over 221 usable /8s: each is hit (miss chance ~1e-37).
  t.equal(distinctKeys(p.src, 8), 256 - 3 - 32, '0/8, 10/8, 127/8 and 224/3 never');
  t.equal(distinctKeys(p.src, 32), 20000, 'a /32 template each (collisions are ~1e-5 likely)');
});

t.test('pool: N hosts, each sending repeatedly, never on the same port twice', async (t) => {
  const p = floodPlan({ rate: 100, count: 5000, seed: 2, sources: { pool: 50 } });
  t.equal(distinctKeys(p.src, 32), 50);
  const pairs = new Set(Array.from(p.src, (s, i) => `${s}:${p.sport[i]}`));
  t.equal(pairs.size, 5000, 'each SYN a new connection');
  t.ok(p.sport.every((x) => x >= 1024));
});

t.test('subnets: drawn within them', async (t) => {
  const p = floodPlan({ rate: 100, count: 3000, seed: 3, sources: { subnets: ['198.51.100.0/24', '203.0.113.0/25'] } });
  const nets = new Set(Array.from(p.src, (a) => formatIpv4(a).split('.').slice(0, 3).join('.')));
  t.same([...nets].sort(), ['198.51.100', '203.0.113']);
  t.ok(p.src.every((a) => (a >>> 24 === 198 && ((a >>> 8) & 255) === 100) || (a & 255) < 128));
  t.equal(distinctKeys(p.src, 16), 2);
});

t.test('a source that would reuse its ports is bad input', async (t) => {
  t.throws(() => floodPlan({ rate: 1000, count: 64513, seed: 1, sources: { pool: 1 } }), VerifyError);
});

t.test('subnet problems are named', async (t) => {
  t.same(sourceProblems('uniform'), []);
  t.same(sourceProblems({ pool: 3 }), []);
  const p = sourceProblems({ subnets: ['198.51.100.0/24', '10.9.0.0/16', 'nonsense', '0.0.0.0/0'] });
  t.same(p.map((x) => x.key), ['subnets.1', 'subnets.2', 'subnets.3']);
  t.match(p[0]!.message, /overlaps .*harness's own networks/);
  t.match(p[1]!.message, /not an IPv4 network/);
});
