// A small deterministic PRNG (mulberry32): the same seed gives the same demo, on every machine.

export class Random {
  #state: number;
  /** Set by fork(): tells apart the ids of generators whose sequences overlap (see uuid()). */
  readonly #salt: number;

  constructor(seed: number, salt = 0) {
    this.#state = seed >>> 0;
    this.#salt = salt >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Roughly normal around `mean` (sum of uniforms), never negative. */
  around(mean: number, spread: number): number {
    const noise = (this.next() + this.next() + this.next() - 1.5) / 1.5;
    return Math.max(0, mean + noise * spread);
  }

  uuid(): string {
    const hex = Array.from({ length: 32 }, () => Math.floor(this.next() * 16).toString(16));
    hex[12] = '4';
    hex[16] = (8 + Math.floor(this.next() * 4)).toString(16);
    // mulberry32's state is a counter, so two forks can walk the same stretch of the sequence (with
    // 100,000 accounts some do): the fork's salt in the first 32 bits keeps their ids apart.
    const head = ((Number.parseInt(hex.slice(0, 8).join(''), 16) ^ this.#salt) >>> 0)
      .toString(16)
      .padStart(8, '0');
    const text = head + hex.slice(8).join('');
    return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
  }

  /** A new generator whose sequence depends only on this seed and `salt`. */
  fork(salt: number): Random {
    return new Random((Math.imul(this.#state ^ salt, 2654435761) + salt) >>> 0, salt);
  }
}
