import t from 'tap';
import { parseConfig, droppedSymbols, droppedMessage } from '../../src/kconfig/fragments.ts';

t.test('parseConfig reads set and unset symbols; later lines win', async (t) => {
  const c = parseConfig('CONFIG_A=y\n# CONFIG_B is not set\nCONFIG_C="str"\nCONFIG_A=m\n# a comment\n');
  t.same([...c], [['CONFIG_A', 'm'], ['CONFIG_B', 'n'], ['CONFIG_C', '"str"']]);
});

t.test('droppedSymbols finds symbols olddefconfig changed or removed', async (t) => {
  const fragments = [
    { name: '00-boot.config', text: 'CONFIG_TTY=y\nCONFIG_IP_VS_DEBUG=n\n' },
    { name: '30-ipvs.config', text: 'CONFIG_IP_VS=y\nCONFIG_IP_VS_TAB_BITS=12\nCONFIG_IP_VS_SH=y\n' },
  ];
  // As olddefconfig leaves it when IP_VS_SH's dependency is missing: absent.
  const final = 'CONFIG_TTY=y\nCONFIG_IP_VS=y\nCONFIG_IP_VS_TAB_BITS=10\n# CONFIG_IP_VS_DEBUG is not set\n';
  const d = droppedSymbols(fragments, final);
  t.same(
    d.map((x) => [x.symbol, x.wanted, x.got, x.fragment]),
    [
      ['CONFIG_IP_VS_TAB_BITS', '12', '10', '30-ipvs.config'],
      ['CONFIG_IP_VS_SH', 'y', 'n', '30-ipvs.config'],
    ],
  );
  t.match(droppedMessage(d), /CONFIG_IP_VS_SH: wanted y, got n \(from 30-ipvs.config\)/);
});

t.test('a clean merge drops nothing', async (t) => {
  t.same(droppedSymbols([{ name: 'a', text: 'CONFIG_X=y\n# CONFIG_Y is not set\n' }], 'CONFIG_X=y\n'), []);
});
