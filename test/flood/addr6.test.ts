// IPv6 addresses: parsing the short forms the topology uses, the kernel's full
// form (%pI6), and masking by a prefix length.
import t from 'tap';
import { parseIpv6, formatIpv6Full, maskIpv6 } from '../../src/flood/addr6.ts';

t.test('parse and print as /proc/net/ip_vs_conn does', async (t) => {
  t.equal(formatIpv6Full(parseIpv6('fd00::100')!), 'fd00:0000:0000:0000:0000:0000:0000:0100');
  t.equal(formatIpv6Full(parseIpv6('fd00:1:2::2')!), 'fd00:0001:0002:0000:0000:0000:0000:0002');
  t.same(parseIpv6('1:2:3:4:5:6:7:8'), [0x00010002, 0x00030004, 0x00050006, 0x00070008]);
  t.same(parseIpv6('::'), [0, 0, 0, 0]);
  t.equal(formatIpv6Full(parseIpv6('FD00::ABCD')!), 'fd00:0000:0000:0000:0000:0000:0000:abcd', 'lower case, as the kernel prints');
  for (const bad of ['1::2::3', '1:2:3:4:5:6:7:8:9', '1:2:3', 'fd00::12345', '10.0.0.1', '']) t.equal(parseIpv6(bad), undefined, `not an address: ${JSON.stringify(bad)}`);
});

t.test('masking by a prefix length, across word boundaries', async (t) => {
  const a = parseIpv6('2001:db8:abcd:1234:5678:9abc:def0:1234')!;
  t.equal(formatIpv6Full(maskIpv6(a, 128)), '2001:0db8:abcd:1234:5678:9abc:def0:1234');
  t.equal(formatIpv6Full(maskIpv6(a, 64)), '2001:0db8:abcd:1234:0000:0000:0000:0000');
  t.equal(formatIpv6Full(maskIpv6(a, 52)), '2001:0db8:abcd:1000:0000:0000:0000:0000');
  t.equal(formatIpv6Full(maskIpv6(a, 32)), '2001:0db8:0000:0000:0000:0000:0000:0000');
  t.equal(formatIpv6Full(maskIpv6(a, 3)), '2000:0000:0000:0000:0000:0000:0000:0000');
  t.equal(formatIpv6Full(maskIpv6(a, 0)), '0000:0000:0000:0000:0000:0000:0000:0000');
});
