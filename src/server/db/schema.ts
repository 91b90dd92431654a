// Kysely table types, written by hand to match migrations/ (one place to read the model).
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateText = ColumnType<string, string, string>;
type Kopecks = ColumnType<number, number | bigint, number | bigint>;
type Decimal = ColumnType<string, string | number, string | number>;
type Id = Generated<string>;

export interface OrganizationsTable {
  id: Id;
  kind: 'housing' | 'isp';
  name: string;
  short_name: string;
  inn: string;
  kpp: string | null;
  bank_name: string;
  bic: string;
  settlement_account: string;
  correspondent_account: string;
  address: string | null;
  phone: string | null;
  email: string | null;
  city: string | null;
  timezone: Generated<string>;
  reading_window_start: Generated<number>;
  reading_window_end: Generated<number>;
  payment_due_day: Generated<number>;
  registration_mode: Generated<'self' | 'invite' | 'both'>;
  proof_type: Generated<'last_payment' | 'last_receipt_total'>;
  reading_outside_window: Generated<'next_period' | 'refuse'>;
  reading_anomaly_factor: ColumnType<string, string | undefined, string>;
  reading_refuse_below_previous: Generated<boolean>;
  /** Branding: `#rrggbb` in lower case; null keeps the portal's colour. */
  accent_color: string | null;
  /** The logo in stored_files (PNG or JPEG); null: none. */
  logo_file_id: string | null;
  receipt_show_qr: Generated<boolean>;
  /** A note for the receipt's footer (≤ 500 characters). */
  receipt_note: string | null;
  /** Working days within which support answers a request. */
  support_deadline_days: Generated<number>;
  office_hours: string | null;
  created_at: Timestamp;
}

export interface BuildingsTable {
  id: Id;
  organization_id: string;
  address: string;
  created_at: Timestamp;
}

export interface PremisesTable {
  id: Id;
  building_id: string;
  number: string;
  area: Decimal | null;
  residents: Generated<number>;
}

export interface AccountsTable {
  id: Id;
  organization_id: string;
  number: string;
  premises_id: string | null;
  holder_name: string | null;
  els: string | null;
  izhku: string | null;
  status: Generated<'active' | 'closed'>;
  opened_at: DateText | null;
  created_at: Timestamp;
}

export interface UsersTable {
  id: Id;
  email: string;
  email_normalized: string;
  password_hash: string | null;
  name: string | null;
  phone: string | null;
  totp_secret: string | null;
  totp_enabled_at: Timestamp | null;
  totp_last_step: number | null;
  locale: Generated<'ru' | 'en'>;
  email_verified_at: Timestamp | null;
  disabled_at: Timestamp | null;
  reading_reminders: Generated<boolean>;
  verification_reminders: Generated<boolean>;
  receipt_emails: Generated<boolean>;
  created_at: Timestamp;
}

export interface AccountMembersTable {
  account_id: string;
  user_id: string;
  role: 'owner' | 'member' | 'viewer';
  created_at: Timestamp;
}

export interface StaffTable {
  user_id: string;
  organization_id: string;
  role: 'operator' | 'admin';
  created_at: Timestamp;
}

export interface SessionsTable {
  id: Id;
  token_hash: string;
  csrf_token: string;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  ip: string | null;
  user_agent: string | null;
  /** When this session passed the second factor (staff routes require it). */
  second_factor_at: Timestamp | null;
}

export interface AuthFailuresTable {
  id: Generated<number>;
  email_normalized: string;
  ip: string;
  created_at: Timestamp;
}

export interface ServicesTable {
  id: Id;
  organization_id: string;
  code: string;
  name: string;
  unit: string;
  okei: string | null;
  kind: 'metered' | 'area' | 'per_person' | 'fixed';
  sort_order: Generated<number>;
}

export interface TariffsTable {
  id: Id;
  service_id: string;
  valid_from: DateText;
  price: Decimal;
}

export interface ChargesTable {
  id: Generated<number>;
  account_id: string;
  period: DateText;
  service_id: string;
  volume: Decimal | null;
  tariff: Decimal;
  amount: Kopecks;
  recalculation: Kopecks;
  benefit: Kopecks;
  total: Kopecks;
}

export interface StatementsTable {
  account_id: string;
  period: DateText;
  opening: Kopecks;
  charged: Kopecks;
  recalculation: Kopecks;
  benefit: Kopecks;
  penalties: Kopecks;
  paid: Kopecks;
  closing: Kopecks;
  due_date: DateText;
  created_at: Timestamp;
}

export type PaymentSource = 'card' | 'bank' | 'cash_office' | 'gis_zhkh';
export type PaymentStatus = 'pending' | 'credited' | 'failed' | 'refunded';

export interface PaymentsTable {
  id: Id;
  account_id: string;
  amount: Kopecks;
  source: PaymentSource;
  status: PaymentStatus;
  gateway: string | null;
  gateway_payment_id: string | null;
  external_id: string | null;
  idempotency_key: string | null;
  paid_at: Timestamp;
  credited_at: Timestamp | null;
  /** The card payment order this money came from (issue 6). */
  card_payment_id: string | null;
  created_at: Timestamp;
}

export interface CardPaymentsTable {
  id: string;
  account_id: string;
  created_by: string;
  amount: Kopecks;
  email: string;
  gateway: 'sandbox' | 'yookassa' | 'tbank';
  gateway_payment_id: string | null;
  redirect_url: string | null;
  status: Generated<'created' | 'pending' | 'succeeded' | 'canceled' | 'refunded'>;
  idempotency_key: string | null;
  request_fingerprint: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type PaymentVat = 'none' | 'vat0' | 'vat10' | 'vat20';
export type PaymentTaxation = 'osn' | 'usn_income' | 'usn_income_outcome' | 'esn' | 'patent';

export interface PaymentGatewaySettingsTable {
  organization_id: string;
  gateway: 'sandbox' | 'yookassa' | 'tbank';
  active: Generated<boolean>;
  merchant_id: string | null;
  secret_sealed: string | null;
  api_url: string | null;
  vat: Generated<PaymentVat>;
  taxation: Generated<PaymentTaxation>;
  updated_by: string | null;
  updated_at: Timestamp;
}

/** An organization's own payment rules in one language (plain text, not HTML). */
export interface PaymentRulesTable {
  organization_id: string;
  locale: 'ru' | 'en';
  body: string;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface CardPaymentEventsTable {
  id: Generated<string>;
  payment_id: string;
  kind: string;
  at: Timestamp;
  details: ColumnType<unknown, string | undefined, string>;
}

export type RefundRequestStatus = 'requested' | 'approved' | 'rejected' | 'refunded' | 'failed';

/** A subscriber's application to get a card payment back, and the operator's decision (issue 6). */
export interface RefundRequestsTable {
  id: string;
  card_payment_id: string;
  requested_by: string;
  reason: string;
  status: Generated<RefundRequestStatus>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
  requested_at: Timestamp;
  /** requested_at + 30 days (a column default). */
  due_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One organization's daily reconciliation of card payments against the gateway (issue 6). */
export interface PaymentReconciliationsTable {
  id: Id;
  organization_id: string;
  /** The organization's calendar day, 'YYYY-MM-DD'. */
  day: DateText;
  status: 'running' | 'done';
  claim: string;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  checked_from: Timestamp;
  checked_until: Timestamp;
  payments_checked: Generated<number>;
  mismatches: Generated<number>;
  repaired: Generated<number>;
  findings: ColumnType<unknown, string | undefined, string>;
  mailed_to: Generated<number>;
}

export type MeterResource = 'cold_water' | 'hot_water' | 'electricity' | 'heating' | 'gas';

export interface MetersTable {
  id: Id;
  account_id: string;
  resource: MeterResource;
  serial_number: string;
  registers: Generated<number>;
  register_names: string[] | null;
  digits: number;
  decimals: Generated<number>;
  installed_at: DateText | null;
  verified_until: DateText | null;
  status: Generated<'active' | 'replaced' | 'broken'>;
}

export type ReadingSource = 'subscriber' | 'operator' | 'import' | 'estimated';
export type SubmissionStatus = 'accepted' | 'replaced' | 'included' | 'rejected';

export interface ReadingSubmissionsTable {
  id: Id;
  meter_id: string;
  period: DateText;
  source: ReadingSource;
  status: Generated<SubmissionStatus>;
  submitted_by: string | null;
  idempotency_key: string | null;
  request_fingerprint: string | null;
  response: ColumnType<unknown, string | null | undefined, string | null>;
  confirmed_warnings: Generated<string[]>;
  rejection_reason: string | null;
  included_in: DateText | null;
  export_id: string | null;
  submitted_at: Timestamp;
}

/** One value per register of a submission. */
export interface ReadingsTable {
  submission_id: string;
  register: Generated<number>;
  value: Decimal;
}

export interface RemindersSentTable {
  user_id: string;
  kind: 'reading_window' | 'verification';
  key: string;
  sent_at: Timestamp;
}

export interface StoredFilesTable {
  id: Id;
  content_type: string;
  byte_size: number;
  sha256: string;
  content: Buffer;
  created_at: Timestamp;
}

export interface ReceiptDocumentsTable {
  account_id: string;
  period: DateText;
  version: number;
  data_version: string;
  file_id: string;
  created_at: Timestamp;
}

export interface MailAttachmentsTable {
  message_id: string;
  position: number;
  file_name: string;
  file_id: string;
}

export interface ReceiptDeliveriesTable {
  account_id: string;
  period: DateText;
  version: number;
  user_id: string;
  message_id: string;
  created_at: Timestamp;
}

export interface ReadingExportsTable {
  id: Id;
  organization_id: string;
  period: DateText;
  created_by: string;
  reading_count: number;
  created_at: Timestamp;
}

export interface AuditEventsTable {
  id: Generated<number>;
  organization_id: string | null;
  actor_user_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details: ColumnType<unknown, string | undefined, string>;
  created_at: Timestamp;
}

/** People who run the instance (issue 7): above organizations; made by `npm run admin -- grant`. */
export interface PlatformAdminsTable {
  user_id: string;
  created_at: Timestamp;
}

export interface InstanceSettingsTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: Timestamp;
}

export type TokenKind =
  | 'registration'
  | 'password_reset'
  | 'invitation'
  | 'email_change'
  | 'staff_invitation';

export interface TokensTable {
  id: Id;
  kind: TokenKind;
  token_hash: string;
  user_id: string | null;
  payload: ColumnType<unknown, string | undefined, string>;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface ConsentsTable {
  id: Generated<number>;
  user_id: string;
  document: 'personal_data_policy';
  version: string;
  accepted_at: Timestamp;
  ip: string | null;
}

export interface RegistrationFailuresTable {
  id: Generated<number>;
  organization_id: string;
  account_number: string;
  ip: string;
  created_at: Timestamp;
}

export interface MailMessagesTable {
  id: Id;
  recipient: string;
  template: string;
  locale: 'ru' | 'en';
  subject: string;
  text_body: string;
  html_body: string;
  status: Generated<'queued' | 'sent'>;
  transport: 'smtp' | 'mailbox' | null;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface RecoveryCodesTable {
  id: Generated<number>;
  user_id: string;
  code_hash: string;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

export type SandboxBankPaymentStatus = 'new' | 'awaiting_3ds' | 'succeeded' | 'declined' | 'refunded';

/** The sandbox bank's record of a payment (demo and tests); `id` is the gateway payment id. */
export interface SandboxBankPaymentsTable {
  id: Id;
  /** Abonent's payment id */
  order_id: string;
  amount: Kopecks;
  description: string;
  return_url: string;
  notification_url: string;
  customer_email: string;
  items: ColumnType<unknown, string, string>;
  status: Generated<SandboxBankPaymentStatus>;
  /** The only card data kept. */
  card_last4: string | null;
  three_ds_failures: Generated<number>;
  refunded_amount: ColumnType<number, number | bigint | undefined, number | bigint>;
  notification_delay_ms: Generated<number>;
  notification_duplicates: Generated<number>;
  paid_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SandboxBankRefundsTable {
  payment_id: string;
  idempotency_key: string;
  amount: Kopecks;
  created_at: Timestamp;
}

export type ImportKind = 'accounts' | 'services' | 'charges' | 'statements' | 'payments' | 'readings';
export type ImportFormat = 'csv' | 'xlsx' | 'json';
export type ImportStatus = 'queued' | 'checking' | 'applying' | 'applied' | 'rejected' | 'failed';

/** An organization's key for its billing system (imports, exports); only the SHA-256 is kept. */
export interface ApiKeysTable {
  id: Id;
  organization_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  scopes: string[];
  created_by: string | null;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/** One uploaded file of one kind: its progress, its report of bad rows, and what applying it did. */
export interface ImportBatchesTable {
  id: Id;
  organization_id: string;
  kind: ImportKind;
  format: ImportFormat;
  file_name: string | null;
  content_hash: string;
  encoding: 'utf-8' | 'windows-1251' | null;
  chunk_count: Generated<number>;
  byte_size: number;
  status: Generated<ImportStatus>;
  rows_read: Generated<number>;
  rows_checked: Generated<number>;
  rows_applied: Generated<number>;
  error_count: Generated<number>;
  errors: ColumnType<unknown, string | undefined, string>;
  result: ColumnType<unknown, string | undefined, string>;
  created_by: string | null;
  api_key_id: string | null;
  created_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

/** An uploaded import file, 1 MiB at a time (seq from 0). */
export interface ImportFileChunksTable {
  import_id: string;
  seq: number;
  content: Buffer;
}

export interface ImportStagingChargesTable {
  import_id: string;
  row_number: number;
  account_id: string;
  period: DateText;
  service_id: string;
  volume: Decimal | null;
  tariff: Decimal;
  amount: Kopecks;
  recalculation: Kopecks;
  benefit: Kopecks;
  total: Kopecks;
}

export interface ImportStagingStatementsTable {
  import_id: string;
  row_number: number;
  account_id: string;
  period: DateText;
  opening: Kopecks;
  charged: Kopecks;
  recalculation: Kopecks;
  benefit: Kopecks;
  penalties: Kopecks;
  paid: Kopecks;
  closing: Kopecks;
  due_date: DateText;
}

export interface DB {
  recovery_codes: RecoveryCodesTable;
  tokens: TokensTable;
  consents: ConsentsTable;
  registration_failures: RegistrationFailuresTable;
  mail_messages: MailMessagesTable;
  instance_settings: InstanceSettingsTable;
  platform_admins: PlatformAdminsTable;
  organizations: OrganizationsTable;
  buildings: BuildingsTable;
  premises: PremisesTable;
  accounts: AccountsTable;
  users: UsersTable;
  account_members: AccountMembersTable;
  staff: StaffTable;
  sessions: SessionsTable;
  auth_failures: AuthFailuresTable;
  services: ServicesTable;
  tariffs: TariffsTable;
  charges: ChargesTable;
  statements: StatementsTable;
  payments: PaymentsTable;
  card_payments: CardPaymentsTable;
  card_payment_events: CardPaymentEventsTable;
  payment_reconciliations: PaymentReconciliationsTable;
  refund_requests: RefundRequestsTable;
  payment_gateway_settings: PaymentGatewaySettingsTable;
  payment_rules: PaymentRulesTable;
  meters: MetersTable;
  readings: ReadingsTable;
  reading_submissions: ReadingSubmissionsTable;
  reading_exports: ReadingExportsTable;
  reminders_sent: RemindersSentTable;
  stored_files: StoredFilesTable;
  receipt_documents: ReceiptDocumentsTable;
  mail_attachments: MailAttachmentsTable;
  receipt_deliveries: ReceiptDeliveriesTable;
  audit_events: AuditEventsTable;
  sandbox_bank_payments: SandboxBankPaymentsTable;
  sandbox_bank_refunds: SandboxBankRefundsTable;
  api_keys: ApiKeysTable;
  import_batches: ImportBatchesTable;
  import_file_chunks: ImportFileChunksTable;
  import_staging_charges: ImportStagingChargesTable;
  import_staging_statements: ImportStagingStatementsTable;
}
