// Addresses that several features link to. A feature never imports another feature, so the
// addresses they share live here.
export const PROFILE_PATH = '/profile';
export const SECURITY_PATH = '/profile/security';
export const DEVICES_PATH = '/profile/devices';
export const TWO_FACTOR_SETUP_PATH = '/profile/two-factor';
export const METERS_PATH = '/meters';
