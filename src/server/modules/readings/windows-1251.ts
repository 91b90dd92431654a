// Windows-1251 (the Cyrillic code page many Russian billing systems still import) without a
// dependency: the table is the inverse of the platform's decoder. Characters the code page lacks
// become '?'.
const decoder = new TextDecoder('windows-1251');
const table = new Map<number, number>();
for (let byte = 0x80; byte <= 0xff; byte++) {
  const char = decoder.decode(Uint8Array.of(byte));
  if (char !== '\ufffd') table.set(char.codePointAt(0)!, byte);
}

export function encodeWindows1251(text: string): Buffer {
  const bytes = Buffer.allocUnsafe(text.length);
  let length = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    bytes[length++] = code < 0x80 ? code : (table.get(code) ?? 0x3f);
  }
  return bytes.subarray(0, length);
}
