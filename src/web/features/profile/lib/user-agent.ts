// A browser's User-Agent in plain words: "Chrome, Windows", "Safari, iPhone". Good enough to
// recognise one's own devices; not a fingerprint.

export interface DeviceDescription {
  /** e.g. `Chrome`; null when the text names no known browser. */
  browser: string | null;
  /** e.g. `Windows`, `iPhone`; null when unknown. */
  system: string | null;
  mobile: boolean;
}

const browsers: [RegExp, string][] = [
  [/YaBrowser\//, 'Yandex'],
  [/Edg(e|A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/SamsungBrowser\//, 'Samsung Internet'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
  [/Safari\//, 'Safari'],
  [/^curl\//, 'curl'],
];

const systems: [RegExp, string][] = [
  [/iPhone/, 'iPhone'],
  [/iPad/, 'iPad'],
  [/Android/, 'Android'],
  [/Windows/, 'Windows'],
  [/CrOS/, 'ChromeOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux/, 'Linux'],
];

export function describeUserAgent(userAgent: string | null): DeviceDescription {
  const text = userAgent ?? '';
  const browser = browsers.find(([pattern]) => pattern.test(text))?.[1] ?? null;
  const system = systems.find(([pattern]) => pattern.test(text))?.[1] ?? null;
  const mobile = /Mobi|iPhone|Android(?!.*Tablet)/.test(text) && !/iPad/.test(text);
  return { browser, system, mobile };
}
