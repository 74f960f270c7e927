// Quoting for the guest's eval, checked by hand against dash's rules.
import t from 'tap';
import { assignment, commandLine, shellWord } from '../../../src/guest/plan/shell.ts';

t.test('words: plain ones bare, others single-quoted, a quote closed and escaped', async (t) => {
  t.equal(shellWord('UDP4:10.0.0.100:53,readbytes=8'), 'UDP4:10.0.0.100:53,readbytes=8');
  t.equal(shellWord('EXEC:cat /x'), "'EXEC:cat /x'");
  t.equal(shellWord('http://[fd00::100]:80/id'), "'http://[fd00::100]:80/id'", 'brackets are a glob');
  t.equal(shellWord("it's"), "'it'\\''s'");
  t.equal(shellWord(''), "''");
  t.equal(commandLine(['socat', '-', 'x y'], '/dev/null'), "socat - 'x y' < /dev/null");
  t.equal(assignment('N', 5), "N='5'");
});
