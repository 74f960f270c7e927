// Pure: the model's connection table, entries in typed arrays (no per-entry
// objects in the hot loop), with the hash table's bucket chains
// (net/netfilter/ipvs/ip_vs_conn.c: ip_vs_conn_tab).
export class Table {
  readonly n: number;
  kind: Uint8Array;
  state: Uint8Array;
  alive: Uint8Array;
  /** cp->timeout == 0: dropped, so on expiry it takes its controller along (patched). */
  dropped: Uint8Array;
  isClient: Uint8Array;
  timeout: Int32Array;
  timerExpires: Int32Array;
  timerFire: Int32Array;
  pending: Uint8Array;
  gen: Int32Array;
  control: Int32Array;
  nControl: Int32Array;
  bucket: Int32Array;
  next: Int32Array;
  prev: Int32Array;
  inPkts: Int32Array;
  /** The hash table's buckets: the newest entry of each chain, or -1. */
  heads: Int32Array;
  /**
   * The buckets with a chain, in no order (occupied[0..occupiedCount)), and
   * each bucket's place there (-1: empty): the scan draws among them
   * (SimState.scan()), and a reset clears only them.
   */
  occupied: Int32Array;
  occupiedCount = 0;
  private readonly place: Int32Array;
  size = 0;
  constructor(n: number, buckets: number) {
    this.heads = new Int32Array(buckets).fill(-1);
    this.occupied = new Int32Array(buckets);
    this.place = new Int32Array(buckets).fill(-1);
    this.n = n;
    this.kind = new Uint8Array(n);
    this.state = new Uint8Array(n);
    this.alive = new Uint8Array(n);
    this.dropped = new Uint8Array(n);
    this.isClient = new Uint8Array(n);
    this.timeout = new Int32Array(n);
    this.timerExpires = new Int32Array(n);
    this.timerFire = new Int32Array(n);
    this.pending = new Uint8Array(n);
    this.gen = new Int32Array(n);
    this.control = new Int32Array(n).fill(-1);
    this.nControl = new Int32Array(n);
    this.bucket = new Int32Array(n);
    this.next = new Int32Array(n).fill(-1);
    this.prev = new Int32Array(n).fill(-1);
    this.inPkts = new Int32Array(n);
  }

  /**
   * Empty again, for another run of at most n entries and as many buckets: the
   * arrays cleared as far as the last run used them (a Monte Carlo reuses one
   * table, not 1,000 fresh ones).
   */
  reset(n: number, buckets: number): boolean {
    if (n > this.n || buckets !== this.heads.length) return false;
    const used = this.size;
    for (const a of [this.kind, this.state, this.alive, this.dropped, this.isClient, this.pending, this.timeout, this.timerExpires, this.timerFire, this.gen, this.nControl, this.bucket, this.inPkts]) a.fill(0, 0, used);
    for (const a of [this.control, this.next, this.prev]) a.fill(-1, 0, used);
    for (let i = 0; i < this.occupiedCount; i++) {
      const b = this.occupied[i]!;
      this.heads[b] = -1;
      this.place[b] = -1;
    }
    this.occupiedCount = 0;
    this.size = 0;
    return true;
  }

  private occupy(b: number): void {
    this.place[b] = this.occupiedCount;
    this.occupied[this.occupiedCount++] = b;
  }

  private vacate(b: number): void {
    const i = this.place[b]!;
    const last = this.occupied[--this.occupiedCount]!;
    this.occupied[i] = last;
    this.place[last] = i;
    this.place[b] = -1;
  }

  /** ip_vs_conn_hash(): hlist_add_head_rcu into bucket b. */
  hash(e: number, b: number): void {
    const h = this.heads[b]!;
    if (h === -1) this.occupy(b);
    this.bucket[e] = b;
    this.next[e] = h;
    this.prev[e] = -1;
    if (h !== -1) this.prev[h] = e;
    this.heads[b] = e;
  }

  /**
   * ip_vs_conn_unhash(): hlist_del_rcu keeps the entry's own next pointer, so a
   * scan standing on it can still walk on.
   */
  unhash(e: number): void {
    const n = this.next[e]!;
    const pv = this.prev[e]!;
    if (pv === -1) {
      const b = this.bucket[e]!;
      this.heads[b] = n;
      if (n === -1) this.vacate(b);
    } else this.next[pv] = n;
    if (n !== -1) this.prev[n] = pv;
  }
}
