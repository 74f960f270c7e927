// Pure: the simulator's templates by key (a masked source address, a uint32),
// as an open-addressing hash table in typed arrays. A Map keyed by numbers at
// or above 2^30 boxes each key (V8's small integers stop there), and the
// lookup was a third of a recorded run's simulation time.
export class KeyIndex {
  private keys: Uint32Array;
  private vals: Int32Array;
  private mask: number;

  /** Room for `capacity` keys (the table keeps itself at most half full). */
  constructor(capacity: number) {
    let size = 16;
    while (size < 2 * capacity) size *= 2;
    this.keys = new Uint32Array(size);
    this.vals = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  /** Empty again, for at most `capacity` keys: false when it has no room for them. */
  reset(capacity: number): boolean {
    if (2 * capacity > this.vals.length) return false;
    this.vals.fill(-1);
    return true;
  }

  private slot(key: number): number {
    let i = Math.imul(key, 0x9e3779b1) >>> 0 & this.mask;
    while (this.vals[i] !== -1 && this.keys[i] !== key) i = (i + 1) & this.mask;
    return i;
  }

  /** The value last set for `key`, or -1. */
  get(key: number): number {
    return this.vals[this.slot(key)]!;
  }

  /** `val` >= 0. */
  set(key: number, val: number): void {
    const i = this.slot(key);
    this.keys[i] = key;
    this.vals[i] = val;
  }
}
