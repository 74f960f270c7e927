import t from 'tap';
import { commandScript, splitExit } from '../../src/pipeline/guest-exec.ts';

t.test('argv is passed word for word', async (t) => {
  t.equal(commandScript(['echo', "it's", 'a b', '$HOME']).split('\n')[1], `'echo' 'it'\\''s' 'a b' '$HOME'`);
});

t.test('the exit marker ends the output', async (t) => {
  t.same(splitExit('hello\nworld\n'), { output: 'hello\nworld\n' });
  t.same(splitExit('hello\n\n@@ipvs-verify-exit 7@@\n'), { output: 'hello\n', code: 7 });
  t.same(splitExit('no newline@@ipvs-verify-exit 0@@'), { output: 'no newline', code: 0 });
});
