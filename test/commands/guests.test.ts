import t from 'tap';
import { guestSlots } from '../../src/commands/verify-guests.ts';

t.test('guests at once: one a core, never more than the variants, as asked', async (t) => {
  t.equal(guestSlots(2, undefined, 2), 2, 'two cores: base and patched side by side');
  t.equal(guestSlots(2, undefined, 1), 1, 'one core: one after the other');
  t.equal(guestSlots(1, undefined, 8), 1, 'one variant');
  t.equal(guestSlots(2, 1, 8), 1, '--guests 1');
  t.equal(guestSlots(2, 5, 1), 2, 'asked for more than variants: the variants');
});
