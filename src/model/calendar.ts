// Pure: the model's timer calendar, one list of timers per jiffy. A timer wheel
// bucket runs its timers newest first (hlist_add_head, then expire_timers from
// the head: kernel/time/timer.c), as a stack does. A node remembers the
// generation its entry had when armed: a later re-arm makes it stale.
export class Calendar {
  private readonly heads: Int32Array;
  private entry: Int32Array;
  private gen: Int32Array;
  private next: Int32Array;
  private size = 0;

  /** Jiffies 0..end; `capacity` nodes to start with (the calendar grows). */
  constructor(readonly end: number, capacity: number) {
    this.heads = new Int32Array(end + 1).fill(-1);
    this.entry = new Int32Array(capacity);
    this.gen = new Int32Array(capacity);
    this.next = new Int32Array(capacity);
  }

  /** Empty again for jiffies 0..end (no further than it was made for). */
  reset(end: number): boolean {
    if (end !== this.end) return false;
    this.heads.fill(-1);
    this.size = 0;
    return true;
  }

  /** Entry `e`, at generation `g`, fires at jiffy `fire` (past the end: never seen). */
  add(e: number, g: number, fire: number): void {
    if (fire > this.end) return;
    if (this.size === this.entry.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(2 * a.length);
        b.set(a);
        return b;
      };
      this.entry = grow(this.entry);
      this.gen = grow(this.gen);
      this.next = grow(this.next);
    }
    this.entry[this.size] = e;
    this.gen[this.size] = g;
    this.next[this.size] = this.heads[fire]!;
    this.heads[fire] = this.size++;
  }

  /** The newest node of jiffy j's list, or -1; walk on with nextOf(). */
  first(j: number): number {
    return this.heads[j]!;
  }
  nextOf(node: number): number {
    return this.next[node]!;
  }
  entryOf(node: number): number {
    return this.entry[node]!;
  }
  genOf(node: number): number {
    return this.gen[node]!;
  }
}
