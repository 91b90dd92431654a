import { describe, expect, it } from 'vitest';
import { importProgress } from './import-progress.ts';

describe('importProgress', () => {
  it('fills the first half while checking and the second half row by row while applying', () => {
    expect(importProgress({ status: 'queued', rowsRead: 0, rowsApplied: 0 }).percent).toBe(0);
    expect(importProgress({ status: 'checking', rowsRead: 5000, rowsApplied: 0 }).percent).toBe(25);
    expect(importProgress({ status: 'applying', rowsRead: 200, rowsApplied: 0 }).percent).toBe(50);
    expect(importProgress({ status: 'applying', rowsRead: 200, rowsApplied: 100 }).percent).toBe(75);
  });

  it('reaches 100 only when the batch has finished', () => {
    expect(importProgress({ status: 'applying', rowsRead: 200, rowsApplied: 200 }).percent).toBe(99);
    expect(importProgress({ status: 'applied', rowsRead: 200, rowsApplied: 200 })).toEqual({
      percent: 100,
      color: 'teal',
      moving: false,
    });
    expect(importProgress({ status: 'rejected', rowsRead: 3, rowsApplied: 0 }).color).toBe('orange');
  });

  it('does not divide by zero when an empty batch is applying', () => {
    expect(importProgress({ status: 'applying', rowsRead: 0, rowsApplied: 0 }).percent).toBe(50);
  });
});
