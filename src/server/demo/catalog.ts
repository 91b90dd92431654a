// The demo's fixed parts: two organizations (a management company and an ISP), their services with
// plausible tariffs (DOMAIN.md "Plausible demo values"), and the names and streets people live on.
import { completeCompanyInn } from '../../shared/requisites.ts';

export const DEMO_SUBSCRIBER = { email: 'demo@abonent.local', password: 'demo-password' } as const;
export const DEMO_OPERATOR = { email: 'operator@abonent.local', password: 'operator-password' } as const;
/** The demo operator's TOTP secret (demo data only; documented in the README). */
export const DEMO_OPERATOR_TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
/** The demo's platform admin (runs the instance: /admin); staff-like, so two-factor is on. */
export const DEMO_PLATFORM_ADMIN = { email: 'admin@abonent.local', password: 'admin-password' } as const;
/** The same documented secret as the operator's: one authenticator entry serves the whole demo. */
export const DEMO_PLATFORM_ADMIN_TOTP_SECRET = DEMO_OPERATOR_TOTP_SECRET;
/** Every other generated subscriber (`user<N>@abonent.local`) shares this password in demo and bench data. */
export const GENERATED_USER_PASSWORD = 'demo-password';

export interface ServiceDefinition {
  code: string;
  name: string;
  unit: string;
  okei: string | null;
  kind: 'metered' | 'area' | 'per_person' | 'fixed';
  /** Rubles per unit, up to six decimals, before the yearly indexation on 1 July. */
  price: string;
}

export const HOUSING_SERVICES: ServiceDefinition[] = [
  {
    code: 'cold_water',
    name: 'Холодное водоснабжение',
    unit: 'м³',
    okei: '113',
    kind: 'metered',
    price: '58.43',
  },
  {
    code: 'hot_water',
    name: 'Горячее водоснабжение',
    unit: 'м³',
    okei: '113',
    kind: 'metered',
    price: '276.91',
  },
  { code: 'wastewater', name: 'Водоотведение', unit: 'м³', okei: '113', kind: 'metered', price: '44.12' },
  {
    code: 'electricity_day',
    name: 'Электроснабжение (день, T1)',
    unit: 'кВт·ч',
    okei: '245',
    kind: 'metered',
    price: '9.12',
  },
  {
    code: 'electricity_night',
    name: 'Электроснабжение (ночь, T2)',
    unit: 'кВт·ч',
    okei: '245',
    kind: 'metered',
    price: '3.48',
  },
  { code: 'heating', name: 'Отопление', unit: 'Гкал', okei: '233', kind: 'metered', price: '3124.557' },
  {
    code: 'maintenance',
    name: 'Содержание жилого помещения',
    unit: 'м²',
    okei: '055',
    kind: 'area',
    price: '38.90',
  },
  {
    code: 'capital_repair',
    name: 'Взнос на капитальный ремонт',
    unit: 'м²',
    okei: '055',
    kind: 'area',
    price: '24.60',
  },
  { code: 'waste', name: 'Обращение с ТКО', unit: 'чел.', okei: '792', kind: 'per_person', price: '148.20' },
];

export const ISP_SERVICES: ServiceDefinition[] = [
  {
    code: 'internet_100',
    name: 'Интернет «Домашний 100»',
    unit: 'мес.',
    okei: '362',
    kind: 'fixed',
    price: '650',
  },
  {
    code: 'internet_500',
    name: 'Интернет «Турбо 500»',
    unit: 'мес.',
    okei: '362',
    kind: 'fixed',
    price: '890',
  },
  { code: 'tv_basic', name: 'Цифровое ТВ «Базовый»', unit: 'мес.', okei: '362', kind: 'fixed', price: '249' },
  {
    code: 'tv_extended',
    name: 'Цифровое ТВ «Расширенный»',
    unit: 'мес.',
    okei: '362',
    kind: 'fixed',
    price: '449',
  },
];

/** Tariffs rise on 1 July (the yearly indexation); the demo uses this factor. */
export const INDEXATION_PERCENT = 9.9;

const bank = {
  bank_name: 'ПАО СБЕРБАНК',
  bic: '044525225',
  correspondent_account: '30101810400000000225',
  settlement_account: '40702810138250123017',
};

export const ORGANIZATIONS = {
  housing: {
    kind: 'housing' as const,
    name: 'Общество с ограниченной ответственностью «Управляющая компания «Уютный дом»',
    short_name: 'УК «Уютный дом»',
    inn: completeCompanyInn('623401234'),
    kpp: '623401001',
    ...bank,
    address: 'г. Рязань, ул. Ленина, д. 1, оф. 5',
    phone: '+7 (4912) 55-10-20',
    email: 'info@uyut-dom.example',
    city: 'Рязань',
    payment_due_day: 10,
  },
  isp: {
    kind: 'isp' as const,
    name: 'Общество с ограниченной ответственностью «Сеть-Телеком»',
    short_name: '«Сеть-Телеком»',
    inn: completeCompanyInn('623409876'),
    kpp: '623401001',
    ...bank,
    address: 'г. Рязань, ул. Есенина, д. 9',
    phone: '+7 (4912) 77-00-77',
    email: 'support@set-telecom.example',
    city: 'Рязань',
    payment_due_day: 5,
  },
};

export const STREETS = [
  'ул. Садовая',
  'ул. Есенина',
  'ул. Ленина',
  'пр. Победы',
  'ул. Гагарина',
  'ул. Советская',
  'ул. Молодёжная',
  'ул. Школьная',
  'ул. Мира',
  'ул. Полевая',
  'ул. Лесная',
  'ул. Строителей',
];

export const SURNAMES = [
  ['Иванов', 'Иванова'],
  ['Смирнов', 'Смирнова'],
  ['Кузнецов', 'Кузнецова'],
  ['Попов', 'Попова'],
  ['Васильев', 'Васильева'],
  ['Петров', 'Петрова'],
  ['Соколов', 'Соколова'],
  ['Михайлов', 'Михайлова'],
  ['Новиков', 'Новикова'],
  ['Фёдоров', 'Фёдорова'],
  ['Морозов', 'Морозова'],
  ['Волков', 'Волкова'],
] as const;
export const MALE_NAMES = [
  'Александр',
  'Сергей',
  'Дмитрий',
  'Андрей',
  'Алексей',
  'Иван',
  'Михаил',
  'Николай',
];
export const FEMALE_NAMES = ['Елена', 'Ольга', 'Наталья', 'Татьяна', 'Анна', 'Мария', 'Ирина', 'Светлана'];
export const PATRONYMICS = [
  ['Александрович', 'Александровна'],
  ['Сергеевич', 'Сергеевна'],
  ['Петрович', 'Петровна'],
  ['Иванович', 'Ивановна'],
  ['Викторович', 'Викторовна'],
  ['Николаевич', 'Николаевна'],
] as const;
