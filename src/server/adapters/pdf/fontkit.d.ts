// fontkit (pdfkit's own font parser) ships no types; the receipt PDF only creates fonts with it.
declare module 'fontkit' {
  export function create(buffer: Uint8Array, postscriptName?: string): unknown;
}
