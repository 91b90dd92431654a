// Contracts of meter readings: the subscriber's meters, submitting with a preview and confirmable
// warnings, the history with its chart, and the operator's list, entry, rejection and exports.
// Values and consumptions are exact decimal strings ("123.5"); money is integer kopecks.
import { z } from 'zod';
import { dateSchema, decimalSchema, kopecksSchema, periodSchema } from './accounts.ts';

export const meterResources = ['cold_water', 'hot_water', 'electricity', 'heating', 'gas'] as const;
export const meterResourceSchema = z.enum(meterResources);
export type MeterResource = z.infer<typeof meterResourceSchema>;

export const readingSourceSchema = z.enum(['subscriber', 'operator', 'import', 'estimated']);
export type ReadingSource = z.infer<typeof readingSourceSchema>;

/** accepted: counts for its period; replaced: a later one of the same period counts; included: in the
 * charges of `includedIn`; rejected: the organization refused it (`rejectionReason`). */
export const submissionStatusSchema = z.enum(['accepted', 'replaced', 'included', 'rejected']);
export type SubmissionStatus = z.infer<typeof submissionStatusSchema>;

export const readingWarningCodeSchema = z.enum([
  'ROLLOVER_SUSPECTED',
  'CONSUMPTION_ANOMALY',
  'READING_DECREASED',
]);
export type ReadingWarningCode = z.infer<typeof readingWarningCodeSchema>;

export const readingErrorCodeSchema = z.enum([
  'READING_FORMAT_INVALID',
  'READING_REGISTERS_INVALID',
  'READING_BELOW_PREVIOUS',
  'METER_VERIFICATION_EXPIRED',
  'METER_NOT_ACTIVE',
  'READING_WINDOW_CLOSED',
  /** The period's reading is already billed or exported: it cannot be replaced any more. */
  'READING_LOCKED',
]);
export type ReadingErrorCode = z.infer<typeof readingErrorCodeSchema>;

export const registerNameSchema = z.enum(['day', 'night', 'peak', 'semi_peak']);

export const meterParamsSchema = z.object({ accountId: z.uuid(), meterId: z.uuid() });

/** The submission window of the organization, as it stands now. */
export const readingWindowSchema = z.object({
  startDay: z.number().int(),
  endDay: z.number().int(),
  timezone: z.string(),
  /** Today is inside the window (in the organization's time zone). */
  open: z.boolean(),
  /** The period a reading submitted now counts for (next month's after the window). */
  period: periodSchema,
  /** Outside the window: 'next_period' accepts for `period`, 'refuse' refuses. */
  outsideWindow: z.enum(['next_period', 'refuse']),
  /** Last day of the window containing or following today, YYYY-MM-DD. */
  closesOn: dateSchema,
  /** Whole days left including today when open (1 on the last day); null when closed. */
  daysLeft: z.number().int().nullable(),
  /** First day of the next window when closed, YYYY-MM-DD; null when open. */
  opensOn: dateSchema.nullable(),
});
export type ReadingWindow = z.infer<typeof readingWindowSchema>;

export const registerValueSchema = z.object({ register: z.number().int(), value: decimalSchema });

export const submissionSchema = z.object({
  id: z.uuid(),
  period: periodSchema,
  source: readingSourceSchema,
  status: submissionStatusSchema,
  submittedAt: z.iso.datetime({ offset: true }),
  /** The period whose charges used it (status 'included'). */
  includedIn: periodSchema.nullable(),
  rejectionReason: z.string().nullable(),
  values: z.array(
    registerValueSchema.extend({
      /** Since the reading that counted for an earlier period; null without one. */
      consumption: decimalSchema.nullable(),
    }),
  ),
});
export type Submission = z.infer<typeof submissionSchema>;

export const meterSchema = z.object({
  id: z.uuid(),
  resource: meterResourceSchema,
  serialNumber: z.string(),
  registers: z.array(z.object({ register: z.number().int(), name: registerNameSchema.nullable() })),
  digits: z.number().int(),
  decimals: z.number().int(),
  /** The unit of the values: 'м³', 'кВт·ч', 'Гкал'. */
  unit: z.string(),
  installedAt: dateSchema.nullable(),
  verifiedUntil: dateSchema.nullable(),
  /** 'soon': within 30 days; 'expired': readings are refused until the meter is verified. */
  verification: z.enum(['ok', 'soon', 'expired', 'unknown']),
  status: z.enum(['active', 'replaced', 'broken']),
  /** The latest submission that counts (accepted or included), of any period. */
  last: submissionSchema.nullable(),
  /** The submission that counts for the window's period, if any. */
  current: submissionSchema.nullable(),
  /** Active, verified, and nothing counts yet for the window's period. */
  needsReading: z.boolean(),
});
export type Meter = z.infer<typeof meterSchema>;

export const metersResponseSchema = z.object({
  accountId: z.uuid(),
  window: readingWindowSchema,
  meters: z.array(meterSchema),
});
export type MetersResponse = z.infer<typeof metersResponseSchema>;

export const submitReadingRequestSchema = z.object({
  /** One value per register; "123.5" or "123,5". */
  values: z
    .array(z.object({ register: z.number().int().min(1).max(3), value: z.string().trim().min(1).max(20) }))
    .min(1)
    .max(3),
  /** Accept the warnings of a preview (rollover, unusual consumption). */
  confirm: z.boolean().optional(),
});
export type SubmitReadingRequest = z.infer<typeof submitReadingRequestSchema>;

export const readingWarningSchema = z.object({ code: readingWarningCodeSchema, register: z.number().int() });
export type ReadingWarning = z.infer<typeof readingWarningSchema>;

export const readingErrorSchema = z.object({
  code: readingErrorCodeSchema,
  register: z.number().int().optional(),
});

/** The calculation shared by the preview and the answer to a submission. */
export const readingCalculationSchema = z.object({
  period: periodSchema,
  /** False: submitted outside the window and counted for `period` (the next one). */
  inWindow: z.boolean(),
  registers: z.array(
    z.object({
      register: z.number().int(),
      value: decimalSchema,
      previous: decimalSchema.nullable(),
      consumption: decimalSchema.nullable(),
      /** consumption × the current tariff of the register's service; null without either. */
      estimatedCharge: kopecksSchema.nullable(),
    }),
  ),
  /** The values that counted for the latest earlier period: what consumption is measured from. */
  previous: z.array(registerValueSchema),
  /** Sum over the registers. */
  consumption: decimalSchema.nullable(),
  estimatedCharge: kopecksSchema.nullable(),
  unit: z.string(),
  warnings: z.array(readingWarningSchema),
});
export type ReadingCalculation = z.infer<typeof readingCalculationSchema>;

export const previewResponseSchema = readingCalculationSchema.extend({
  /** What would refuse the reading; empty when it can be submitted. */
  errors: z.array(readingErrorSchema),
});
export type PreviewResponse = z.infer<typeof previewResponseSchema>;

export const submitReadingResponseSchema = readingCalculationSchema.extend({
  submission: submissionSchema,
  /** An earlier reading of the same period was replaced by this one. */
  replacedEarlier: z.boolean(),
});
export type SubmitReadingResponse = z.infer<typeof submitReadingResponseSchema>;

export const historyResponseSchema = z.object({
  meter: meterSchema,
  /** Newest first; every submission, including replaced and rejected ones. */
  submissions: z.array(submissionSchema),
  /** The last 24 periods up to the window's period, oldest first. */
  chart: z.array(
    z.object({
      period: periodSchema,
      /** Total over the registers of the submission that counts; null without readings. */
      consumption: decimalSchema.nullable(),
      /** The same month a year earlier. */
      yearEarlier: decimalSchema.nullable(),
      /** The value that counted was estimated by the organization. */
      estimated: z.boolean(),
    }),
  ),
});
export type HistoryResponse = z.infer<typeof historyResponseSchema>;

// Operator

export const organizationQuerySchema = z.object({
  /** Needed only by staff of more than one organization. */
  organizationId: z.uuid().optional(),
});

export const operatorReadingsQuerySchema = organizationQuerySchema.extend({
  period: periodSchema,
  status: submissionStatusSchema.optional(),
  source: readingSourceSchema.optional(),
  exported: z.enum(['true', 'false']).optional(),
  /** Account number, exact. */
  account: z.string().trim().min(1).max(30).optional(),
  resource: meterResourceSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const operatorReadingSchema = submissionSchema.extend({
  accountId: z.uuid(),
  accountNumber: z.string(),
  address: z.string().nullable(),
  meterId: z.uuid(),
  resource: meterResourceSchema,
  serialNumber: z.string(),
  exportId: z.uuid().nullable(),
});

export const operatorReadingsResponseSchema = z.object({
  organizationId: z.uuid(),
  period: periodSchema,
  total: z.number().int(),
  items: z.array(operatorReadingSchema),
});

export const rejectReadingRequestSchema = z.object({ reason: z.string().trim().min(3).max(500) });
export const submissionParamsSchema = z.object({ submissionId: z.uuid() });

export const createExportRequestSchema = z.object({
  organizationId: z.uuid().optional(),
  period: periodSchema,
});

export const readingExportSchema = z.object({
  id: z.uuid(),
  period: periodSchema,
  readingCount: z.number().int(),
  createdAt: z.iso.datetime({ offset: true }),
});

export const exportsResponseSchema = z.object({ exports: z.array(readingExportSchema) });
export const exportParamsSchema = z.object({ exportId: z.uuid() });
export const exportDownloadQuerySchema = z.object({
  format: z.enum(['csv', 'json']).default('csv'),
  encoding: z.enum(['utf-8', 'windows-1251']).default('utf-8'),
});

export const readingSettingsSchema = z.object({
  windowStartDay: z.number().int().min(1).max(31),
  windowEndDay: z.number().int().min(1).max(31),
  outsideWindow: z.enum(['next_period', 'refuse']),
  /** A consumption above this many times the 6-month average asks for confirmation. */
  anomalyFactor: z.number().min(1.5).max(100).multipleOf(0.1),
  /** False: a value below the previous one (not a rollover) is a warning to confirm, not an error. */
  refuseBelowPrevious: z.boolean(),
  timezone: z.string(),
});
export type ReadingSettingsBody = z.infer<typeof readingSettingsSchema>;
