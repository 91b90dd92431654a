// The address of one meter's readings; the preview lives under it.
export function readingsPath(accountId: string, meterId: string, suffix = ''): string {
  return `/api/v1/accounts/${encodeURIComponent(accountId)}/meters/${encodeURIComponent(meterId)}/readings${suffix}`;
}
