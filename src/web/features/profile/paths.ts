// The profile's tabs and their addresses (the addresses themselves are shared in lib/paths.ts).
import { DEVICES_PATH, PROFILE_PATH, SECURITY_PATH } from '../../lib/paths.ts';

export const profileTabs = ['details', 'security', 'devices'] as const;
export type ProfileTab = (typeof profileTabs)[number];

export const profileTabPaths: Record<ProfileTab, string> = {
  details: PROFILE_PATH,
  security: SECURITY_PATH,
  devices: DEVICES_PATH,
};
