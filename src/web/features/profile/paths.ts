// The profile's addresses, shared by the router, the header and the login page.
export const PROFILE_PATH = '/profile';
export const SECURITY_PATH = '/profile/security';
export const DEVICES_PATH = '/profile/devices';
export const TWO_FACTOR_SETUP_PATH = '/profile/two-factor';

export const profileTabs = ['details', 'security', 'devices'] as const;
export type ProfileTab = (typeof profileTabs)[number];

export const profileTabPaths: Record<ProfileTab, string> = {
  details: PROFILE_PATH,
  security: SECURITY_PATH,
  devices: DEVICES_PATH,
};
