// Reading PDFs the way a person's tools do: poppler's pdftoppm (page → PNG), pdftotext and
// pdfinfo, and jsQR to decode a QR code from the rendered pixels.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

const run = promisify(execFile);

async function withPdfFile<T>(pdf: Buffer, use: (file: string, directory: string) => Promise<T>): Promise<T> {
  const directory = await mkdtemp(path.join(tmpdir(), 'abonent-pdf-'));
  try {
    const file = path.join(directory, 'document.pdf');
    await writeFile(file, pdf);
    return await use(file, directory);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** The text of the PDF (all pages, or one), with non-breaking spaces as plain spaces. */
export async function pdfText(pdf: Buffer, page?: number): Promise<string> {
  return withPdfFile(pdf, async (file) => {
    const pages = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
    const { stdout } = await run('pdftotext', ['-layout', ...pages, file, '-'], {
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout.replace(/\u00a0/g, ' ');
  });
}

export async function pdfPageCount(pdf: Buffer): Promise<number> {
  return withPdfFile(pdf, async (file) => {
    const { stdout } = await run('pdfinfo', [file]);
    return Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1]);
  });
}

/** Page `page` rendered at `dpi` as a PNG file's bytes. */
export async function pdfPagePng(pdf: Buffer, page = 1, dpi = 200): Promise<Buffer> {
  return withPdfFile(pdf, async (file, directory) => {
    await run('pdftoppm', [
      '-png',
      '-r',
      String(dpi),
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      file,
      path.join(directory, 'page'),
    ]);
    return readFile(path.join(directory, 'page.png'));
  });
}

/** The text of the first QR code jsQR finds in a PNG, or null. */
export function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  const found = jsQR(
    new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length),
    image.width,
    image.height,
  );
  if (!found) return null;
  // jsQR gives the bytes; the payload is UTF-8 (ST00012).
  return Buffer.from(found.binaryData).toString('utf8');
}
