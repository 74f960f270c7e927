// Pure: the guest's network namespaces by role, one name each.

export const DIRECTOR = 'director';
export const ATTACKER = 'attacker';
/** Scenario `sync: true`: the director the sync daemon feeds. */
export const BACKUP = 'backup';
/** Real server i (1-based). */
export const serverName = (i: number) => `rs${i}`;
/** Legitimate client i (1-based): its index is its records' "client". */
export const clientName = (i: number) => `client${i}`;

export const numbered = (n: number, name: (i: number) => string) => Array.from({ length: n }, (_, k) => name(k + 1));
