import t from 'tap';
import { inetChecksum } from '../../src/flood/checksum.ts';

t.test('inetChecksum: the RFC 1071 example', async (t) => {
  // RFC 1071 section 3: 0001 f203 f4f5 f6f7 sums to ddf2; the checksum is its complement.
  t.equal(inetChecksum(Buffer.from([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]), 0, 8), ~0xddf2 & 0xffff);
});

t.test('inetChecksum: an odd length pads the last byte with zero; the initial sum folds in', async (t) => {
  // By hand: 0x0102 + 0x0300 = 0x0402, complement 0xfbfd; with initial 0xfffe:
  // 0x0402 + 0xfffe = 0x10400, folded 0x0401, complement 0xfbfe.
  t.equal(inetChecksum(Buffer.from([1, 2, 3]), 0, 3), 0xfbfd);
  t.equal(inetChecksum(Buffer.from([1, 2, 3]), 0, 3, 0xfffe), 0xfbfe);
});
