// The payment QR code (the ГОСТ Р 56042-2014 payload) as inline SVG. Drawn synchronously from the
// module matrix, so the browser and renderToStaticMarkup on the server produce the same code.
import { create } from 'qrcode';
import { useMemo } from 'react';

/** White modules around the code; the card around it adds more. */
const QUIET_ZONE = 2;

interface QrDrawing {
  size: number;
  path: string;
}

/** One path of horizontal runs: a few kilobytes instead of a rectangle per module. */
function drawQr(payload: string): QrDrawing | null {
  let modules: ReturnType<typeof create>['modules'];
  try {
    modules = create(payload, { errorCorrectionLevel: 'M' }).modules;
  } catch {
    // Only a payload beyond a QR code's capacity fails; the receipt still shows the bank details.
    return null;
  }
  const { size } = modules;
  let path = '';
  for (let row = 0; row < size; row++) {
    let column = 0;
    while (column < size) {
      if (!modules.get(row, column)) {
        column++;
        continue;
      }
      const start = column;
      while (column < size && modules.get(row, column)) column++;
      path += `M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${column - start}v1h${start - column}z`;
    }
  }
  return { size: size + QUIET_ZONE * 2, path };
}

interface ReceiptQrProps {
  payload: string;
  label: string;
}

export function ReceiptQr({ payload, label }: ReceiptQrProps) {
  const drawing = useMemo(() => drawQr(payload), [payload]);
  if (!drawing) return null;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${drawing.size} ${drawing.size}`}
      width="100%"
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      data-testid="receipt-qr"
      style={{ display: 'block' }}
    >
      <rect width={drawing.size} height={drawing.size} fill="#fff" />
      <path d={drawing.path} fill="#000" />
    </svg>
  );
}
