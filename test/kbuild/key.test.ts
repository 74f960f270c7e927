import t from 'tap';
import { buildKey, configHash, type BuildInputs } from '../../src/kbuild/key.ts';

const base: BuildInputs = {
  arch: 'x86_64',
  sourceId: 'tar-abc',
  variantFiles: new Map([
    ['b.c', Buffer.from('b')],
    ['a.c', Buffer.from('a')],
  ]),
  config: 'CONFIG_X=y\n',
  toolchain: ['gcc (Debian 12.2.0-14) 12.2.0'],
  makeArgs: ['ARCH=x86_64', 'bzImage'],
};

t.test('the key depends on every input and on nothing else', async (t) => {
  const k = buildKey(base);
  t.match(k, /^[0-9a-f]{24}$/);
  t.equal(buildKey({ ...base, variantFiles: new Map([...base.variantFiles].reverse()) }), k, 'file order does not matter');
  const changed: Partial<BuildInputs>[] = [
    { arch: 'arm64' },
    { sourceId: 'tar-abd' },
    { variantFiles: new Map([['a.c', Buffer.from('a')], ['b.c', Buffer.from('B')]]) },
    { variantFiles: new Map([['a.c', Buffer.from('a')], ['b.c', null]]) },
    { config: 'CONFIG_X=m\n' },
    { toolchain: ['gcc 13'] },
    { makeArgs: ['ARCH=x86_64', 'vmlinux'] },
  ];
  for (const c of changed) t.not(buildKey({ ...base, ...c }), k, `changes with ${Object.keys(c)[0]}`);
  t.not(configHash('a'), configHash('b'));
});
