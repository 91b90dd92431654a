// Draws a receipt (ЕПД, or the ISP's invoice) as an A4 PDF with pdfkit: the sections of DOMAIN.md,
// the payment QR code (ГОСТ Р 56042, error correction M, 35 mm) and tables that continue on the
// next page under a repeated header. Fonts: DejaVu Sans (npm dejavu-fonts-ttf, free licence, has
// Cyrillic and ₽), parsed once per process and shared by every document.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { create as createFont } from 'fontkit';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { Receipt } from '../../../shared/api/receipts.ts';
import { formatMoney } from '../../../shared/money.ts';
import { formatDate, formatMonthYear } from '../../../shared/period.ts';

const require = createRequire(import.meta.url);
const fontDirectory = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

type FontSource = Parameters<PDFKit.PDFDocument['registerFont']>[1];
let fonts: { regular: FontSource; bold: FontSource } | null = null;

/** The parsed fonts, loaded on first use; pdfkit accepts a fontkit font in place of a file. */
function receiptFonts() {
  fonts ??= {
    regular: createFont(readFileSync(path.join(fontDirectory, 'DejaVuSans.ttf'))) as FontSource,
    bold: createFont(readFileSync(path.join(fontDirectory, 'DejaVuSans-Bold.ttf'))) as FontSource,
  };
  return fonts;
}

const PAGE = { width: 595.28, height: 841.89, margin: 36 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const BOTTOM = PAGE.height - PAGE.margin - 14; // room for the page footer
const MM = 72 / 25.4;
const QR_SIZE = 35 * MM;
const GREY = '#555555';
const RULE = '#999999';

const RESOURCE_NAMES: Record<Receipt['meters'][number]['resource'], string> = {
  cold_water: 'ХВС',
  hot_water: 'ГВС',
  electricity: 'Электроэнергия',
  heating: 'Отопление',
  gas: 'Газ',
};

interface Column {
  title: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}

/** Volumes and tariffs as printed: a decimal comma, grouped thousands. */
function decimalText(value: string | null): string {
  if (value === null) return '—';
  const [whole, fraction] = value.split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return fraction ? `${grouped},${fraction}` : grouped;
}

function moneyText(kopecks: number): string {
  return formatMoney(kopecks).replace(/\u00a0₽$/, '');
}

class ReceiptWriter {
  readonly doc: PDFKit.PDFDocument;
  y = PAGE.margin;
  private pageNumber = 1;

  constructor(private readonly receipt: Receipt) {
    const { regular, bold } = receiptFonts();
    this.doc = new PDFDocument({
      size: 'A4',
      margin: PAGE.margin,
      autoFirstPage: true,
      // No default Helvetica: pdfkit would parse its metrics for every document, unused.
      font: null as unknown as string,
      compress: true,
      info: {
        Title: `${receipt.kind === 'housing' ? 'ЕПД' : 'Счёт'} ${receipt.payer.accountNumber} ${receipt.period}`,
        Author: receipt.payee.shortName,
        Producer: 'Abonent',
        Creator: 'Abonent',
        // Fixed dates: the same data gives the same bytes.
        CreationDate: new Date(`${receipt.period}-01T00:00:00Z`),
        ModDate: new Date(`${receipt.period}-01T00:00:00Z`),
      },
    });
    this.doc.registerFont('regular', regular);
    this.doc.registerFont('bold', bold);
    this.doc.font('regular');
  }

  private text(
    value: string,
    x: number,
    y: number,
    options: PDFKit.Mixins.TextOptions & { size?: number; bold?: boolean; color?: string } = {},
  ) {
    const { size = 8, bold = false, color = 'black', ...rest } = options;
    this.doc
      .font(bold ? 'bold' : 'regular')
      .fontSize(size)
      .fillColor(color);
    this.doc.text(value, x, y, { lineBreak: rest.width !== undefined, ...rest });
  }

  private heightOf(value: string, width: number, size = 8, bold = false): number {
    this.doc.font(bold ? 'bold' : 'regular').fontSize(size);
    return this.doc.heightOfString(value, { width });
  }

  /** Starts a new page when `height` does not fit; true when it did. */
  ensureSpace(height: number): boolean {
    if (this.y + height <= BOTTOM) return false;
    this.footer();
    this.doc.addPage();
    this.pageNumber += 1;
    this.y = PAGE.margin;
    const { receipt } = this;
    this.text(
      `Лицевой счёт ${receipt.payer.accountNumber} · ${formatMonthYear(receipt.period, 'ru')} · продолжение`,
      PAGE.margin,
      this.y,
      { size: 8, color: GREY },
    );
    this.y += 16;
    return true;
  }

  footer(): void {
    this.text(
      `Стр. ${this.pageNumber} · ${this.receipt.payee.shortName} · л/с ${this.receipt.payer.accountNumber}`,
      PAGE.margin,
      PAGE.height - PAGE.margin - 8,
      { size: 7, color: GREY },
    );
  }

  heading(title: string): void {
    this.ensureSpace(30);
    this.y += 6;
    this.text(title, PAGE.margin, this.y, { size: 9, bold: true });
    this.y += 14;
  }

  title(): void {
    const { receipt } = this;
    const month = formatMonthYear(receipt.period, 'ru');
    this.text(
      receipt.kind === 'housing'
        ? 'ЕДИНЫЙ ПЛАТЁЖНЫЙ ДОКУМЕНТ (счёт-квитанция)'
        : 'СЧЁТ НА ОПЛАТУ УСЛУГ СВЯЗИ',
      PAGE.margin,
      this.y,
      { size: 13, bold: true },
    );
    this.y += 18;
    this.text(`за ${month} г. · лицевой счёт ${receipt.payer.accountNumber}`, PAGE.margin, this.y, {
      size: 10,
    });
    this.y += 20;
  }

  /** Label–value rows in a column; returns the column's height (`measure`: draws nothing). */
  private pairs(
    rows: [string, string][],
    x: number,
    y: number,
    width: number,
    labelWidth: number,
    measure = false,
  ): number {
    let at = y;
    for (const [label, value] of rows) {
      const height = Math.max(this.heightOf(value, width - labelWidth), 10);
      if (!measure) {
        this.text(label, x, at, { size: 8, color: GREY, width: labelWidth });
        this.text(value, x + labelWidth, at, { size: 8, width: width - labelWidth });
      }
      at += height + 2;
    }
    return at - y;
  }

  parties(): void {
    const { payer, payee } = this.receipt;
    const half = (CONTENT_WIDTH - 16) / 2;
    const top = this.y;
    this.text('Плательщик', PAGE.margin, top, { size: 9, bold: true });
    this.text('Исполнитель услуг', PAGE.margin + half + 16, top, { size: 9, bold: true });
    const payerRows: [string, string][] = [
      ['ФИО', payer.holderName ?? '—'],
      ['Адрес', payer.address ?? '—'],
      ['Лицевой счёт', payer.accountNumber],
    ];
    if (this.receipt.kind === 'housing') {
      payerRows.push(['Площадь', payer.area ? `${decimalText(payer.area)} м²` : '—']);
      payerRows.push(['Проживает', payer.residents === null ? '—' : `${payer.residents} чел.`]);
    }
    const payeeRows: [string, string][] = [
      ['Организация', payee.name],
      ['ИНН / КПП', `${payee.inn}${payee.kpp ? ` / ${payee.kpp}` : ''}`],
      ['Адрес', payee.address ?? '—'],
      ['Телефон', payee.phone ?? '—'],
      ['E-mail', payee.email ?? '—'],
    ];
    const left = this.pairs(payerRows, PAGE.margin, top + 14, half, 70);
    const right = this.pairs(payeeRows, PAGE.margin + half + 16, top + 14, half, 70);
    this.y = top + 14 + Math.max(left, right) + 8;
  }

  payment(): void {
    const { receipt } = this;
    const { payee, totals } = receipt;
    const textWidth = CONTENT_WIDTH - QR_SIZE - 36;
    const rows: [string, string][] = [
      ['Получатель', payee.shortName],
      ['ИНН / КПП', `${payee.inn}${payee.kpp ? ` / ${payee.kpp}` : ''}`],
      ['Р/с', payee.settlementAccount],
      ['Банк', payee.bankName],
      ['БИК', payee.bic],
      ['К/с', payee.correspondentAccount],
      ['Период', formatMonthYear(receipt.period, 'ru')],
      ['Оплатить до', formatDate(receipt.dueDate)],
    ];
    const rowsHeight = this.pairs(rows, 0, 0, textWidth * 0.62, 62, true);
    // Long payee or bank names grow the box instead of running out of it.
    const boxHeight = Math.max(QR_SIZE + 34, 22 + rowsHeight + 8);
    this.ensureSpace(boxHeight + 8);
    const top = this.y;
    this.doc.lineWidth(0.8).strokeColor(RULE).rect(PAGE.margin, top, CONTENT_WIDTH, boxHeight).stroke();
    this.text('Получатель платежа', PAGE.margin + 8, top + 8, { size: 9, bold: true });
    this.pairs(rows, PAGE.margin + 8, top + 22, textWidth * 0.62, 62);
    const sumX = PAGE.margin + 8 + textWidth * 0.64;
    const sumWidth = textWidth * 0.36;
    const amount = formatMoney(totals.amountDue);
    this.text('Итого к оплате', sumX, top + 22, { size: 9, color: GREY });
    // Large sums get a smaller size so that they never reach the QR code.
    this.text(amount, sumX, top + 36, { size: amount.length > 12 ? 12 : 16, bold: true, width: sumWidth });
    if (totals.closing < 0)
      this.text(`Аванс ${formatMoney(-totals.closing)}`, sumX, top + 58, { size: 8, color: GREY });
    if (receipt.paidUntil)
      this.text(`Оплачено до ${formatDate(receipt.paidUntil)}`, sumX, top + 72, { size: 9, bold: true });
    this.qr(PAGE.margin + CONTENT_WIDTH - QR_SIZE - 10, top + 8);
    this.text(
      'Оплата по QR-коду в приложении банка',
      PAGE.margin + CONTENT_WIDTH - QR_SIZE - 22,
      top + QR_SIZE + 12,
      {
        size: 6.5,
        color: GREY,
        width: QR_SIZE + 24,
        align: 'center',
      },
    );
    this.y = top + boxHeight + 10;
  }

  /** The QR code as vector squares (sharp at any zoom, no image decoding), with a quiet zone. */
  private qr(x: number, y: number): void {
    // One byte segment (UTF-8): the library's search for the shortest mix of modes costs more than
    // the whole rest of the code, and bank apps read the payload as bytes anyway.
    const code = QRCode.create([{ data: Buffer.from(this.receipt.qrPayload), mode: 'byte' }], {
      errorCorrectionLevel: 'M',
    });
    const count = code.modules.size;
    const module = QR_SIZE / (count + 8);
    const origin = { x: x + 4 * module, y: y + 4 * module };
    this.doc.rect(x, y, QR_SIZE, QR_SIZE).fill('white');
    this.doc.fillColor('black');
    for (let row = 0; row < count; row++) {
      let start = -1;
      for (let column = 0; column <= count; column++) {
        const dark = column < count && code.modules.get(row, column);
        if (dark && start < 0) start = column;
        if (!dark && start >= 0) {
          this.doc.rect(
            origin.x + start * module,
            origin.y + row * module,
            (column - start) * module,
            module,
          );
          start = -1;
        }
      }
    }
    this.doc.fill('black');
  }

  /** A table whose header repeats on every page it continues to. */
  table(columns: Column[], rows: string[][], options: { boldLast?: boolean } = {}): void {
    const header = () => {
      const height =
        Math.max(...columns.map((column) => this.heightOf(column.title, column.width - 6, 7, true))) + 6;
      this.doc.rect(PAGE.margin, this.y, CONTENT_WIDTH, height).fill('#eeeeee');
      let x = PAGE.margin;
      for (const column of columns) {
        this.text(column.title, x + 3, this.y + 3, {
          size: 7,
          bold: true,
          width: column.width - 6,
          align: column.align ?? 'left',
        });
        x += column.width;
      }
      this.y += height;
    };
    this.ensureSpace(40);
    header();
    rows.forEach((cells, index) => {
      const bold = options.boldLast === true && index === rows.length - 1;
      const height =
        Math.max(...cells.map((cell, column) => this.heightOf(cell, columns[column]!.width - 6, 7.5, bold))) +
        5;
      if (this.ensureSpace(height)) header();
      let x = PAGE.margin;
      cells.forEach((cell, column) => {
        const { width, align } = columns[column]!;
        this.text(cell, x + 3, this.y + 2.5, { size: 7.5, bold, width: width - 6, align: align ?? 'left' });
        x += width;
      });
      this.y += height;
      this.doc
        .lineWidth(0.3)
        .strokeColor('#cccccc')
        .moveTo(PAGE.margin, this.y)
        .lineTo(PAGE.margin + CONTENT_WIDTH, this.y)
        .stroke();
    });
    this.y += 6;
  }

  services(): void {
    const { lines, totals } = this.receipt;
    this.heading('Расчёт размера платы за услуги, ₽');
    const money = { width: 58, align: 'right' as const };
    const columns: Column[] = [
      { title: 'Услуга', width: CONTENT_WIDTH - 34 - 50 - 56 - 4 * 58 },
      { title: 'Ед.', width: 34, align: 'center' },
      { title: 'Объём', width: 50, align: 'right' },
      { title: 'Тариф', width: 56, align: 'right' },
      { title: 'Начислено', ...money },
      { title: 'Перерасчёт', ...money },
      { title: 'Льгота', ...money },
      { title: 'Итого', ...money },
    ];
    const rows = lines.map((line) => [
      line.serviceName,
      line.unit,
      decimalText(line.volume),
      decimalText(line.tariff),
      moneyText(line.charged),
      moneyText(line.recalculation),
      moneyText(line.benefit),
      moneyText(line.total),
    ]);
    rows.push([
      'Всего за период',
      '',
      '',
      '',
      moneyText(totals.charged),
      moneyText(totals.recalculation),
      moneyText(totals.benefit),
      moneyText(totals.charged + totals.recalculation - totals.benefit),
    ]);
    this.table(columns, rows, { boldLast: true });
  }

  totals(): void {
    const { totals } = this.receipt;
    this.ensureSpace(20 + 7 * 12 + 20); // the totals stay together on one page
    this.heading('Итоги');
    const rows: [string, number][] = [
      [
        totals.opening < 0 ? 'Аванс на начало периода' : 'Задолженность на начало периода',
        Math.abs(totals.opening),
      ],
      ['Начислено за период', totals.charged],
      ['Перерасчёт', totals.recalculation],
      ['Льготы и субсидии', -totals.benefit],
      ['Пени', totals.penalties],
      ['Оплачено в периоде', -totals.paid],
      [
        totals.closing < 0 ? 'Аванс на конец периода' : 'Задолженность на конец периода',
        Math.abs(totals.closing),
      ],
    ];
    for (const [label, amount] of rows) {
      this.ensureSpace(12);
      this.text(label, PAGE.margin, this.y, { size: 8, width: 300 });
      this.text(formatMoney(amount), PAGE.margin + CONTENT_WIDTH - 160, this.y, {
        size: 8,
        width: 160,
        align: 'right',
      });
      this.y += 12;
    }
    this.ensureSpace(18);
    this.y += 2;
    this.text('Итого к оплате', PAGE.margin, this.y, { size: 10, bold: true, width: 300 });
    this.text(formatMoney(totals.amountDue), PAGE.margin + CONTENT_WIDTH - 160, this.y, {
      size: 10,
      bold: true,
      width: 160,
      align: 'right',
    });
    this.y += 18;
  }

  meters(): void {
    const { meters } = this.receipt;
    if (meters.length === 0) return;
    this.heading('Показания приборов учёта');
    const columns: Column[] = [
      { title: 'Прибор учёта', width: CONTENT_WIDTH - 36 - 2 * 120 },
      { title: 'Ед.', width: 36, align: 'center' },
      { title: 'Предыдущее', width: 120, align: 'right' },
      { title: 'Текущее', width: 120, align: 'right' },
    ];
    const rows = meters.map((meter) => [
      `${RESOURCE_NAMES[meter.resource]} № ${meter.serialNumber}${meter.registerName ? ` (${meter.registerName})` : ''}`,
      meter.unit,
      meter.previous
        ? `${decimalText(meter.previous.value)} (${meter.previous.period.slice(5)}.${meter.previous.period.slice(0, 4)})`
        : '—',
      meter.current
        ? `${decimalText(meter.current.value)}${meter.current.estimated ? ' расч.' : ''}`
        : 'не передано',
    ]);
    this.table(columns, rows);
  }

  contacts(): void {
    const { payee } = this.receipt;
    const lines = [
      `${payee.shortName}: ${[payee.phone, payee.email, payee.address].filter(Boolean).join(' · ')}.`,
      'Личный кабинет: показания счётчиков, оплата картой, квитанции и обращения.',
      'Оплачивая по QR-коду, проверьте получателя и сумму. Пени начисляются по ч. 14 ст. 155 ЖК РФ.',
    ];
    const text =
      this.receipt.kind === 'housing'
        ? lines
        : [lines[0]!, 'Личный кабинет: счёт, оплата картой и обращения.'];
    this.heading('Справочная информация');
    for (const line of text) {
      const height = this.heightOf(line, CONTENT_WIDTH, 7.5);
      this.ensureSpace(height + 2);
      this.text(line, PAGE.margin, this.y, { size: 7.5, width: CONTENT_WIDTH, color: GREY });
      this.y += height + 2;
    }
  }

  async finish(): Promise<Buffer> {
    this.footer();
    const chunks: Buffer[] = [];
    this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise<void>((resolve, reject) => {
      this.doc.on('end', resolve);
      this.doc.on('error', reject);
    });
    this.doc.end();
    await ended;
    return Buffer.concat(chunks);
  }
}

/** The receipt as PDF bytes. */
export async function renderReceiptPdf(receipt: Receipt): Promise<Buffer> {
  const writer = new ReceiptWriter(receipt);
  writer.title();
  writer.parties();
  writer.payment();
  writer.services();
  writer.totals();
  writer.meters();
  writer.contacts();
  return writer.finish();
}
