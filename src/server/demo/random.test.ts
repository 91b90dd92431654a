import { describe, expect, it } from 'vitest';
import { Random } from './random.ts';

describe('demo random numbers', () => {
  it('gives the same sequence for the same seed', () => {
    const a = new Random(42);
    const b = new Random(42);
    expect(Array.from({ length: 5 }, () => a.uuid())).toEqual(Array.from({ length: 5 }, () => b.uuid()));
  });

  it('keeps the ids of two forks apart even where their sequences overlap', () => {
    // mulberry32 walks one cycle of states, so forks can share a stretch of it. Two generators in
    // the same state draw the same numbers; only the fork's salt tells their ids apart (with the
    // default demo seed, 343 payment ids of 100,000 accounts collided before the salt).
    const a = new Random(123_456, 1);
    const b = new Random(123_456, 2);
    expect(a.next()).toBe(b.next());
    const idsA = Array.from({ length: 100 }, () => a.uuid());
    const idsB = Array.from({ length: 100 }, () => b.uuid());
    expect(idsA.filter((id) => idsB.includes(id))).toEqual([]);
    for (const id of [...idsA, ...idsB])
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
