// Pure: Kconfig fragments and the check that every requested symbol survived
// merge_config.sh + olddefconfig (a symbol whose dependencies are missing is
// silently dropped by olddefconfig; we refuse to build such a kernel).

export type ConfigValues = Map<string, string>;

/** `CONFIG_X=v` lines and `# CONFIG_X is not set` (= n). Later lines win. */
export function parseConfig(text: string): ConfigValues {
  const out: ConfigValues = new Map();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const set = /^(CONFIG_[A-Za-z0-9_]+)=(.*)$/.exec(line);
    if (set) {
      out.set(set[1]!, set[2]!);
      continue;
    }
    const unset = /^# (CONFIG_[A-Za-z0-9_]+) is not set$/.exec(line);
    if (unset) out.set(unset[1]!, 'n');
  }
  return out;
}

export interface DroppedSymbol {
  symbol: string;
  wanted: string;
  got: string;
  /** The fragment that asked for it. */
  fragment: string;
}

/** Requested symbols whose final value differs. Absent from .config means n. */
export function droppedSymbols(
  fragments: { name: string; text: string }[],
  finalConfig: string,
): DroppedSymbol[] {
  const final = parseConfig(finalConfig);
  const wanted = new Map<string, { value: string; fragment: string }>();
  for (const f of fragments) {
    for (const [k, v] of parseConfig(f.text)) wanted.set(k, { value: v, fragment: f.name });
  }
  const out: DroppedSymbol[] = [];
  for (const [symbol, { value, fragment }] of wanted) {
    const got = final.get(symbol) ?? 'n';
    if (got !== value) out.push({ symbol, wanted: value, got, fragment });
  }
  return out;
}

export function droppedMessage(dropped: DroppedSymbol[]): string {
  return (
    `kernel config: ${dropped.length} requested symbol(s) did not survive merge_config.sh + olddefconfig ` +
    `(unmet dependencies?):\n` +
    dropped.map((d) => `  ${d.symbol}: wanted ${d.wanted}, got ${d.got} (from ${d.fragment})`).join('\n')
  );
}
