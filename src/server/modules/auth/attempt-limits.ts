// Sliding-window attempt limits (logins, registration proofs): when a key has used up its
// attempts, it is blocked until its oldest attempt in the window leaves the window.

export interface LimitCheck {
  count: number;
  max: number;
  oldest: Date | null;
}

/** Seconds until every exhausted key frees a slot, or null when nothing is exhausted. */
export function secondsUntilAllowed(checks: LimitCheck[], windowMs: number, now: Date): number | null {
  const unblockAt = checks
    .filter((check) => check.count >= check.max && check.oldest)
    .map((check) => check.oldest!.getTime() + windowMs);
  if (unblockAt.length === 0) return null;
  return Math.max(1, Math.ceil((Math.max(...unblockAt) - now.getTime()) / 1000));
}
