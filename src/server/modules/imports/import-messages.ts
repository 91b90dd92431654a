// The reason of a bad row in the operator's language, from its stable code and parameters.
import { formatMoney } from '../../../shared/money.ts';
import type { IssueCode } from './import-row.ts';

type Params = Record<string, string | number> | undefined;
type Template = (params: Params) => string;

const money = (params: Params) => formatMoney(Number(params?.expected ?? 0));

const messages: Record<IssueCode, { ru: Template; en: Template }> = {
  required: { ru: () => 'Пустое значение в обязательной колонке', en: () => 'A required value is empty' },
  money_format: {
    ru: (p) =>
      p?.unit === 'kopecks'
        ? 'Сумма должна быть целым числом копеек'
        : 'Сумма не распознана: ожидаются рубли, например 1 234,56',
    en: (p) =>
      p?.unit === 'kopecks'
        ? 'The amount must be an integer number of kopecks'
        : 'The amount is not a number of rubles, e.g. 1 234,56',
  },
  money_negative: { ru: () => 'Сумма должна быть больше нуля', en: () => 'The amount must be above zero' },
  integer_format: {
    ru: (p) => `Ожидается целое число от ${p?.min} до ${p?.max}`,
    en: (p) => `Expected a whole number from ${p?.min} to ${p?.max}`,
  },
  decimal_format: {
    ru: (p) => `Ожидается положительное число, не больше ${p?.scale} знаков после запятой`,
    en: (p) => `Expected a positive number with at most ${p?.scale} decimal places`,
  },
  period_format: {
    ru: () => 'Период не распознан: ожидается ММ.ГГГГ или ГГГГ-ММ',
    en: () => 'The period is not MM.YYYY or YYYY-MM',
  },
  date_format: {
    ru: () => 'Дата не распознана: ожидается ДД.ММ.ГГГГ (и, для оплаты, время ЧЧ:ММ)',
    en: () => 'The date is not DD.MM.YYYY (with HH:MM for a payment time)',
  },
  too_long: { ru: (p) => `Длиннее ${p?.max} символов`, en: (p) => `Longer than ${p?.max} characters` },
  length_exact: {
    ru: (p) => `Должно быть ровно ${p?.length} символов`,
    en: (p) => `Must be exactly ${p?.length} characters`,
  },
  one_of: { ru: (p) => `Допустимые значения: ${p?.allowed}`, en: (p) => `Allowed values: ${p?.allowed}` },
  unknown_account: {
    ru: () => 'Нет такого лицевого счёта в организации (сначала загрузите счета)',
    en: () => 'No such account in the organization (import accounts first)',
  },
  unknown_service: {
    ru: () => 'Нет услуги с таким кодом в организации',
    en: () => 'No service with this code in the organization',
  },
  unknown_meter: { ru: () => 'Нет такого прибора учёта у счёта', en: () => 'The account has no such meter' },
  duplicate_in_file: {
    ru: () => 'Повтор: такая строка уже есть выше в файле',
    en: () => 'Duplicate: the same row appears earlier in the file',
  },
  period_mixed: {
    ru: (p) => `В файле должен быть один период; первая строка — ${p?.period}`,
    en: (p) => `A file holds one period; the first row has ${p?.period}`,
  },
  total_mismatch: {
    ru: (p) => `Итого не равно начислено + перерасчёт − льгота (${money(p)})`,
    en: (p) => `The total is not amount + recalculation − benefit (${money(p)})`,
  },
  closing_mismatch: {
    ru: (p) => `Исходящее сальдо не сходится: должно быть ${money(p)}`,
    en: (p) => `The closing balance does not add up: it should be ${money(p)}`,
  },
  due_date_before_period: {
    ru: () => 'Срок оплаты должен быть позже начала периода',
    en: () => 'The due date must be after the start of the period',
  },
  unknown_column: {
    ru: () => 'Неизвестная колонка (проверьте название по описанию формата)',
    en: () => 'Unknown column (check its name against the format description)',
  },
  missing_column: { ru: () => 'Нет обязательной колонки', en: () => 'A required column is missing' },
  not_an_object: { ru: () => 'Строка должна быть объектом JSON', en: () => 'The row must be a JSON object' },
  card_payment_mismatch: {
    ru: () => 'Платёж картой не совпадает с зачисленным',
    en: () => 'The card payment does not match the one credited',
  },
  reading_digits: {
    ru: () => 'Показание не помещается в разрядность прибора',
    en: () => "The reading exceeds the meter's digits",
  },
  file_unreadable: { ru: () => 'Файл не удалось прочитать', en: () => 'The file cannot be read' },
  control_character: {
    ru: () => 'Недопустимый управляющий символ в значении',
    en: () => 'The value holds a control character',
  },
  empty_file: { ru: () => 'В файле нет ни одной строки данных', en: () => 'The file has no data rows' },
};

export function issueMessage(code: string, params: Params, locale: 'ru' | 'en'): string {
  const message = messages[code as IssueCode];
  return message ? message[locale](params) : code;
}
