// The organization of the last registration request, kept in this browser so the /confirm page
// can name it and show its phone if the proof does not match (the link carries only a token).
import { z } from 'zod';
import type { PublicOrganization } from '../../../../shared/api/registration.ts';
import { readStored, writeStored } from '../../../lib/storage.ts';

const STORAGE_KEY = 'abonent.registration.organization';

const rememberedSchema = z.object({
  shortName: z.string(),
  phone: z.string().nullable(),
  proofType: z.enum(['last_payment', 'last_receipt_total']),
});
export type RememberedOrganization = z.infer<typeof rememberedSchema>;

export function rememberOrganization(organization: PublicOrganization): void {
  const { shortName, phone, proofType } = organization;
  writeStored(STORAGE_KEY, JSON.stringify({ shortName, phone, proofType }));
}

export function readRememberedOrganization(): RememberedOrganization | null {
  try {
    return rememberedSchema.safeParse(JSON.parse(readStored(STORAGE_KEY) ?? 'null')).data ?? null;
  } catch {
    return null;
  }
}
