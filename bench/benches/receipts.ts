// Receipt PDFs, in this process (no HTTP server): building the receipt model (receiptFor), drawing
// its PDF (renderReceiptPdf) against an empty receipt and a one-line pdfkit page drawn in the same
// run, and a batch of receiptFor + storedReceiptPdf, first drawing and storing, then from storage.
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Database } from '../../src/server/db/database.ts';
import type { AccountScope } from '../../src/server/modules/accounts/accounts.repository.ts';
import type { Receipt } from '../../src/shared/api/receipts.ts';
import { defineBench, intFlag } from '../support/bench.ts';
import { type CpuShare, cpuBetween, cpuSnapshot, machineBusy } from '../support/cpu.ts';
import { spread } from '../support/discovery.ts';
import { gitRevision, machine, table, writeResult } from '../support/report.ts';
import {
  BENCH_DATA_DIR,
  benchEnvironment,
  databaseKind,
  ensureSeed,
  ROOT,
  round,
} from '../support/server.ts';
import { mapLimited } from '../support/sessions.ts';

/** The goal: the median receipt PDF drawn in at most this many milliseconds. */
const GOAL_MEDIAN_MS = 20;
const WARMUP_RENDERS = 20;
const CONCURRENCY_ENV = 'BENCH_RECEIPTS_CONCURRENCY';

interface BenchAccount {
  accountId: string;
  organizationId: string;
  kind: 'housing' | 'isp';
  timezone: string;
  number: string;
  period: string;
  /** A PDF of this (account, period) is already stored (some data version). */
  stored: boolean;
}

interface Stats {
  n: number;
  totalS: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  meanMs: number;
  minMs: number;
}

interface BatchResult {
  pass: 'draw-and-store' | 'from-storage';
  receipts: number;
  seconds: number;
  receiptsPerSecond: number;
  /** receiptFor + storedReceiptPdf of one receipt, with `concurrency` in flight. */
  latency: Stats;
  /** receipt_documents rows (PDF versions) this pass added, and their stored_files bytes. */
  newDocuments: number;
  newMegabytes: number;
  /** This process (the renderer, and PGlite when it is the database), PostgreSQL, the rest. */
  cpu: CpuShare;
}

export default defineBench({
  summary: 'receipt PDFs: model, ms per PDF vs. an empty receipt, batch of draw-and-store and from storage',
  options: {
    accounts: {
      type: 'string',
      description: 'accounts to seed (default 100000 on PostgreSQL, 2000 on PGlite)',
    },
    receipts: { type: 'string', description: 'receipts per step (default 1000)' },
    concurrency: {
      type: 'string',
      description: `receipts in flight in the batch (default 4, or ${CONCURRENCY_ENV})`,
    },
    reset: { type: 'boolean', description: 'replace whatever the database holds with a fresh seed' },
    'cpu-prof': {
      type: 'boolean',
      description: 'profile the measured renders; the profile goes to bench/.data/profiles',
    },
  },
  async run(values) {
    const kind = databaseKind();
    const options = {
      accounts: intFlag(values, 'accounts', kind === 'postgres' ? 100_000 : 2_000, 10),
      receipts: intFlag(values, 'receipts', 1000),
      concurrency: intFlag(
        { concurrency: values.concurrency ?? (process.env[CONCURRENCY_ENV] || undefined) },
        'concurrency',
        4,
      ),
      warmupRenders: WARMUP_RENDERS,
      cpuProfile: values['cpu-prof'] === true,
    };
    const startedAt = new Date();
    console.log(
      `receipts bench on ${kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : 'PGlite (bench/.data)'}: ` +
        `${options.accounts} accounts, ${options.receipts} receipts, batch concurrency ${options.concurrency}`,
    );
    await ensureSeed(options.accounts, values.reset === true);

    // Loaded here rather than at the top: the usage list imports every bench module, and pdfkit,
    // fontkit and the database drivers are not needed for it.
    const { loadConfig } = await import('../../src/server/config.ts');
    const { openDatabase } = await import('../../src/server/db/database.ts');
    const { renderReceiptPdf } = await import('../../src/server/adapters/pdf/receipt-pdf.ts');
    const { receiptFor, storedReceiptPdf } = await import(
      '../../src/server/modules/receipts/receipts.service.ts'
    );
    const config = loadConfig(benchEnvironment());
    // The batch holds up to two connections per receipt in flight (receiptFor reads two things at once).
    const database = await openDatabase(
      config.database.kind === 'postgres'
        ? { ...config.database, poolSize: Math.max(2, 2 * options.concurrency) }
        : config.database,
    );
    let result: Awaited<ReturnType<typeof measure>>;
    try {
      result = await measure(database, options, { renderReceiptPdf, receiptFor, storedReceiptPdf });
    } finally {
      await database.close();
    }
    const { picks, accounts, before, load, render, batches, profile, problems } = result;
    const ok = problems.length === 0;

    const medians = {
      receipt: render.all.medianMs,
      empty: render.emptyReceipt.medianMs,
      onePage: render.oneLinePage.medianMs,
    };
    const ratios = {
      receiptToEmptyReceipt: round(medians.receipt / medians.empty, 2),
      receiptToOneLinePage: round(medians.receipt / medians.onePage, 2),
    };
    const goal = { medianMs: GOAL_MEDIAN_MS, met: medians.receipt <= GOAL_MEDIAN_MS };
    const host = machine();
    const maxRssMb = round(process.resourceUsage().maxRSS / 1024, 1);
    const file = writeResult('receipts', kind, startedAt, {
      bench: 'receipts',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      ok,
      git: gitRevision(),
      database: { kind, accounts },
      options,
      machine: { ...host, loadAverage: os.loadavg(), cpuBeforeStart: before },
      process: { maxRssMb },
      picks: summarizePicks(picks),
      load,
      render,
      ratios,
      goal,
      batches,
      cpuProfile: profile,
      problems,
    });

    const stepRow = (label: string, stats: Stats, perSecond: number | null) => [
      label,
      stats.n,
      round(stats.totalS, 2),
      stats.medianMs,
      stats.p95Ms,
      stats.maxMs,
      perSecond,
    ];
    const renderRate = (stats: Stats) => round(stats.n / stats.totalS, 0);
    console.log('');
    console.log(
      table(
        ['step', 'n', 'total s', 'median ms', 'p95 ms', 'max ms', 'per s'],
        [
          stepRow('(1) load: receiptFor, one at a time', load, round(load.n / load.totalS, 0)),
          stepRow('(2) render: renderReceiptPdf, one at a time', render.all, renderRate(render.all)),
          ...(['housing', 'isp'] as const)
            .filter((which) => render.byKind[which])
            .map((which) =>
              stepRow(`      ${which}`, render.byKind[which]!, renderRate(render.byKind[which]!)),
            ),
          stepRow(
            '    baseline: the same, no lines, no meters',
            render.emptyReceipt,
            renderRate(render.emptyReceipt),
          ),
          stepRow('    baseline: one-line pdfkit page', render.oneLinePage, renderRate(render.oneLinePage)),
          ...batches.map((batch) =>
            stepRow(
              batch.pass === 'draw-and-store'
                ? `(3) batch: receiptFor + storedReceiptPdf ×${options.concurrency}`
                : '    the same batch again: from storage',
              batch.latency,
              batch.receiptsPerSecond,
            ),
          ),
        ],
      ),
    );
    console.log(
      'total s: wall time for the batch, else the sum of the steps; per s: receipts per second of that.',
    );
    console.log('');
    console.log(
      `First render in the process (cold: fonts parsed, code not yet optimized): ${render.coldMs} ms; ` +
        `${options.warmupRenders} warm-up renders of each kind followed, not measured.`,
    );
    console.log(
      `PDF: mean ${round(render.bytes.mean / 1024, 1)} KB (${round(render.bytes.min / 1024, 1)}–` +
        `${round(render.bytes.max / 1024, 1)} KB); pages: ` +
        Object.entries(render.pages)
          .map(([pages, count]) => `${count} × ${pages}`)
          .join(', ') +
        `. Empty receipt ${round(render.emptyReceiptMeanBytes / 1024, 1)} KB, ` +
        `one-line page ${round(render.oneLinePageMeanBytes / 1024, 1)} KB.`,
    );
    console.log(
      `Median receipt / empty receipt: ${ratios.receiptToEmptyReceipt.toFixed(2)}; ` +
        `receipt / one-line page: ${ratios.receiptToOneLinePage.toFixed(2)} ` +
        '(the three were drawn in turn, receipt by receipt).',
    );
    for (const batch of batches) {
      console.log(
        `Batch ${batch.pass}: ${batch.receiptsPerSecond} receipts/s; ${batch.newDocuments} new PDF ` +
          `versions stored (+${batch.newMegabytes} MB); CPU % this process/PostgreSQL/other ` +
          [batch.cpu.loadGenerator, batch.cpu.postgres, batch.cpu.other].map((v) => v ?? '—').join('/') +
          ` of one core (${batch.cpu.cores} cores).`,
      );
    }
    const alreadyStored = picks.filter((pick) => pick.stored).length;
    if (alreadyStored > 0) {
      console.log(
        `Note: ${alreadyStored} of the ${picks.length} receipts already had a PDF stored by earlier runs; ` +
          'the first batch drew only those whose data version was new.',
      );
    }
    if (profile) {
      console.log('');
      console.log(`CPU profile of the measured renders: ${profile.file} (open it in Chrome DevTools)`);
      console.log(
        table(
          ['self time, by package', '%'],
          profile.byPackage.slice(0, 8).map((entry) => [entry.name, entry.percent]),
        ),
      );
      console.log(
        table(
          ['self time, by function', '%'],
          profile.byFunction.slice(0, 12).map((entry) => [entry.name, entry.percent]),
        ),
      );
      console.log('The render figures of a profiled run include the profiler’s overhead.');
    }
    console.log('');
    console.log(
      `Goal: median ms per PDF ≤ ${GOAL_MEDIAN_MS} — ${goal.met ? 'met' : 'NOT met'} (${medians.receipt} ms)`,
    );
    const periods = [...new Set(picks.map((pick) => `${pick.kind} ${pick.period}`))].join(', ');
    console.log(
      `Database: ${kind}, ${accounts} accounts; ${picks.length} receipts (` +
        `${picks.filter((pick) => pick.kind === 'housing').length} housing, ` +
        `${picks.filter((pick) => pick.kind === 'isp').length} ISP) of ${periods}; ` +
        `this process's peak RSS ${maxRssMb} MB`,
    );
    console.log(
      `Machine: ${host.cpus} × ${host.model}, ${host.memoryGb} GB, ${host.os}, Node ${host.node}; ` +
        `load average ${os.loadavg()[0]!.toFixed(2)}`,
    );
    for (const problem of problems) console.log(`FAILED: ${problem}`);
    console.log(`Results: ${file}`);
    return ok;
  },
});

interface Services {
  renderReceiptPdf: (receipt: Receipt) => Promise<Buffer>;
  receiptFor: typeof import('../../src/server/modules/receipts/receipts.service.ts').receiptFor;
  storedReceiptPdf: typeof import('../../src/server/modules/receipts/receipts.service.ts').storedReceiptPdf;
}

async function measure(
  database: Database,
  options: {
    accounts: number;
    receipts: number;
    concurrency: number;
    warmupRenders: number;
    cpuProfile: boolean;
  },
  services: Services,
) {
  const { db } = database;
  const { accounts } = await db
    .selectFrom('accounts')
    .select(sql<number>`count(*)::int`.as('accounts'))
    .executeTakeFirstOrThrow();
  if (accounts !== options.accounts) {
    throw new Error(`The database holds ${accounts} accounts, expected ${options.accounts}.`);
  }
  const picks = await pickAccounts(database, options.receipts);
  if (picks.length === 0) throw new Error('No account has a statement: there is no receipt to draw.');
  const summary = summarizePicks(picks);
  console.log(
    `Picked ${picks.length} accounts: ${summary.housing} housing, ${summary.isp} ISP, periods ` +
      `${summary.periods.join(', ')}; ${summary.alreadyStored} already have a stored PDF of it.`,
  );
  if (picks.length < options.receipts) {
    console.warn(`Only ${picks.length} accounts have a statement of the latest period; using those.`);
  }

  const before = await machineBusy(2000);
  if (before.machine !== null && before.machine > 30) {
    console.warn(
      `Warning: the machine is already busy (${before.machine} % of one core, ${before.cores} cores; ` +
        `PostgreSQL ${before.postgres ?? '—'} %) — other work will skew these figures.`,
    );
  }

  // (1) The receipt models, one at a time.
  process.stdout.write(`  (1) load: receiptFor × ${picks.length}… `);
  const loadMs: number[] = [];
  const receipts: Receipt[] = [];
  for (const pick of picks) {
    const started = performance.now();
    receipts.push(await services.receiptFor(db, scopeOf(pick), pick.period));
    loadMs.push(performance.now() - started);
  }
  const load = describe(loadMs);
  console.log(`median ${load.medianMs} ms`);

  // (2) The PDFs, one at a time; each receipt is followed by its baselines, so drift hits all three.
  process.stdout.write(`  (2) render: cold first render… `);
  let started = performance.now();
  await services.renderReceiptPdf(receipts[0]!);
  const coldMs = round(performance.now() - started, 2);
  process.stdout.write(`${coldMs} ms; warm-up ${options.warmupRenders}… `);
  const onePage = await oneLinePage();
  const emptied = (receipt: Receipt): Receipt => ({ ...receipt, lines: [], meters: [] });
  for (let i = 1; i <= options.warmupRenders; i++) {
    const receipt = receipts[i % receipts.length]!;
    await services.renderReceiptPdf(receipt);
    await services.renderReceiptPdf(emptied(receipt));
    await onePage.render(receipt.payer.accountNumber);
  }
  process.stdout.write(`measuring ${receipts.length} × 3… `);
  const profiler = options.cpuProfile ? await startProfiler() : null;
  const renderMs: number[] = [];
  const emptyMs: number[] = [];
  const onePageMs: number[] = [];
  const bytes: number[] = [];
  const pages: number[] = [];
  let emptyBytes = 0;
  let onePageBytes = 0;
  for (const receipt of receipts) {
    started = performance.now();
    const pdf = await services.renderReceiptPdf(receipt);
    renderMs.push(performance.now() - started);
    bytes.push(pdf.length);
    pages.push(pageCount(pdf));
    const empty = emptied(receipt);
    started = performance.now();
    emptyBytes += (await services.renderReceiptPdf(empty)).length;
    emptyMs.push(performance.now() - started);
    started = performance.now();
    onePageBytes += (await onePage.render(receipt.payer.accountNumber)).length;
    onePageMs.push(performance.now() - started);
  }
  const profile = profiler ? await profiler.stop() : null;
  const byKind: Partial<Record<BenchAccount['kind'], Stats>> = {};
  for (const which of ['housing', 'isp'] as const) {
    const ms = renderMs.filter((_, index) => receipts[index]!.kind === which);
    if (ms.length > 0) byKind[which] = describe(ms);
  }
  const pagesHistogram: Record<string, number> = {};
  for (const count of pages) {
    const key = count === 1 ? '1 page' : `${count} pages`;
    pagesHistogram[key] = (pagesHistogram[key] ?? 0) + 1;
  }
  const render = {
    coldMs,
    all: describe(renderMs),
    byKind,
    emptyReceipt: describe(emptyMs),
    oneLinePage: describe(onePageMs),
    bytes: {
      mean: Math.round(bytes.reduce((sum, value) => sum + value, 0) / bytes.length),
      min: Math.min(...bytes),
      max: Math.max(...bytes),
    },
    pages: pagesHistogram,
    emptyReceiptMeanBytes: Math.round(emptyBytes / receipts.length),
    oneLinePageMeanBytes: Math.round(onePageBytes / receipts.length),
  };
  console.log(`median ${render.all.medianMs} ms`);

  // (3) The batch: what a month's mailing does per receipt, `concurrency` at a time, then again.
  const batches: BatchResult[] = [];
  const problems: string[] = [];
  const fileIds = new Map<string, string>();
  for (const pass of ['draw-and-store', 'from-storage'] as const) {
    process.stdout.write(`  (3) batch ${pass}: ${picks.length} receipts, ${options.concurrency} at a time… `);
    const stored = await storedTotals(database);
    const latencies: number[] = [];
    const cpuStart = cpuSnapshot(null);
    const wallStarted = performance.now();
    let sameFile = 0;
    await mapLimited(picks, options.concurrency, async (pick) => {
      const itemStarted = performance.now();
      const receipt = await services.receiptFor(db, scopeOf(pick), pick.period);
      const pdf = await services.storedReceiptPdf(db, receipt);
      latencies.push(performance.now() - itemStarted);
      if (fileIds.get(pick.accountId) === pdf.document.fileId) sameFile++;
      fileIds.set(pick.accountId, pdf.document.fileId);
    });
    const seconds = (performance.now() - wallStarted) / 1000;
    const cpu = cpuBetween(cpuStart, cpuSnapshot(null));
    const after = await storedTotals(database);
    const batch: BatchResult = {
      pass,
      receipts: picks.length,
      seconds: round(seconds, 2),
      receiptsPerSecond: round(picks.length / seconds, 0),
      latency: { ...describe(latencies), totalS: round(seconds, 2) },
      newDocuments: after.documents - stored.documents,
      newMegabytes: round((after.bytes - stored.bytes) / 1024 ** 2, 1),
      cpu,
    };
    batches.push(batch);
    console.log(
      `${batch.receiptsPerSecond} receipts/s, ${batch.newDocuments} new PDF versions` +
        (pass === 'from-storage' ? `, ${sameFile} the same stored file as the first pass` : ''),
    );
    if (pass === 'from-storage' && (batch.newDocuments > 0 || sameFile !== picks.length)) {
      problems.push(
        `The second batch should serve every receipt from storage, but it stored ${batch.newDocuments} ` +
          `new versions and ${picks.length - sameFile} receipts got another file than in the first.`,
      );
    }
  }
  return { picks, accounts, before, load, render, batches, profile, problems };
}

/**
 * `count` accounts with a statement of their organization's latest period, spread evenly over the
 * accounts of both organizations (by organization and number). Accounts whose receipt of that
 * period is not stored yet come first, so that a repeated run still draws in its first batch; when
 * fewer are left, the rest are spread over those already stored. Returned in the order of their
 * ids, which mixes the two organizations.
 */
async function pickAccounts(database: Database, count: number): Promise<BenchAccount[]> {
  const { rows } = await sql<BenchAccount>`
    with latest as (
      select a.organization_id, max(st.period) as period
      from statements st join accounts a on a.id = st.account_id
      group by a.organization_id
    )
    select a.id as "accountId", a.organization_id as "organizationId", o.kind, o.timezone,
      a.number, to_char(l.period, 'YYYY-MM') as period,
      exists (select 1 from receipt_documents d where d.account_id = a.id and d.period = l.period)
        as stored
    from latest l
    join organizations o on o.id = l.organization_id
    join accounts a on a.organization_id = l.organization_id
    join statements st on st.account_id = a.id and st.period = l.period
    order by o.kind, o.id, a.number
  `.execute(database.db);
  const fresh = rows.filter((row) => !row.stored);
  const stored = rows.filter((row) => row.stored);
  const picks =
    fresh.length >= count ? spread(fresh, count) : [...fresh, ...spread(stored, count - fresh.length)];
  return picks.sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0));
}

/**
 * The scope findAccountScope() gives a member of the account, built directly: the bench reads
 * receipts as the portal does once membership is checked (receiptFor uses the account and its
 * organization), and many seeded accounts have no member.
 */
function scopeOf(pick: BenchAccount): AccountScope {
  return {
    userId: '00000000-0000-0000-0000-000000000000',
    accountId: pick.accountId,
    organizationId: pick.organizationId,
    timezone: pick.timezone,
    role: 'owner',
  } as AccountScope;
}

function summarizePicks(picks: readonly BenchAccount[]) {
  return {
    count: picks.length,
    housing: picks.filter((pick) => pick.kind === 'housing').length,
    isp: picks.filter((pick) => pick.kind === 'isp').length,
    periods: [...new Set(picks.map((pick) => `${pick.kind} ${pick.period}`))],
    alreadyStored: picks.filter((pick) => pick.stored).length,
  };
}

async function storedTotals(database: Database): Promise<{ documents: number; bytes: number }> {
  const { rows } = await sql<{ documents: number; bytes: number }>`
    select (select count(*)::int from receipt_documents) as documents,
      (select coalesce(sum(byte_size), 0)::float8 from stored_files) as bytes
  `.execute(database.db);
  return rows[0]!;
}

/** Page objects of a pdfkit PDF: dictionaries are written uncompressed, only streams are deflated. */
function pageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type \/Page(?!s)/g)?.length ?? 0;
}

/**
 * The smallest document with the receipt's fonts: one A4 page, compressed, a bold title and one
 * line of text in DejaVu Sans, parsed once here as the renderer parses its own copy once.
 */
async function oneLinePage(): Promise<{ render(accountNumber: string): Promise<Buffer> }> {
  const { default: PDFDocument } = await import('pdfkit');
  const { create: createFont } = await import('fontkit');
  const { readFileSync } = await import('node:fs');
  const require = createRequire(import.meta.url);
  const fontDirectory = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  type FontSource = Parameters<PDFKit.PDFDocument['registerFont']>[1];
  const regular = createFont(readFileSync(path.join(fontDirectory, 'DejaVuSans.ttf'))) as FontSource;
  const bold = createFont(readFileSync(path.join(fontDirectory, 'DejaVuSans-Bold.ttf'))) as FontSource;
  return {
    async render(accountNumber) {
      const doc = new PDFDocument({
        size: 'A4',
        margin: 36,
        compress: true,
        info: { CreationDate: new Date(0), ModDate: new Date(0) },
      });
      doc.registerFont('regular', regular);
      doc.registerFont('bold', bold);
      doc.font('bold').fontSize(13).text('ЕДИНЫЙ ПЛАТЁЖНЫЙ ДОКУМЕНТ', 36, 36, { lineBreak: false });
      doc.font('regular').fontSize(10).text(`Лицевой счёт ${accountNumber}`, 36, 56, { lineBreak: false });
      const chunks: Buffer[] = [];
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      const ended = new Promise<void>((resolve, reject) => {
        doc.on('end', resolve);
        doc.on('error', reject);
      });
      doc.end();
      await ended;
      return Buffer.concat(chunks);
    },
  };
}

interface ProfileSummary {
  file: string;
  byPackage: { name: string; percent: number }[];
  byFunction: { name: string; percent: number }[];
}

/** V8's sampling profiler on this process, through the inspector (the render step only). */
async function startProfiler(): Promise<{ stop(): Promise<ProfileSummary> }> {
  const { Session } = await import('node:inspector/promises');
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      const directory = path.join(BENCH_DATA_DIR, 'profiles');
      mkdirSync(directory, { recursive: true });
      const file = path.join(
        directory,
        `receipts-render-${new Date()
          .toISOString()
          .replace(/:/g, '-')
          .replace(/\.\d+Z$/, 'Z')}.cpuprofile`,
      );
      writeFileSync(file, JSON.stringify(profile));
      // Self time per node: the time deltas of the samples that landed in it.
      const self = new Map<number, number>();
      profile.samples?.forEach((id, index) => {
        self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas?.[index] ?? 0));
      });
      const total = [...self.values()].reduce((sum, value) => sum + value, 0) || 1;
      const byPackage = new Map<string, number>();
      const byFunction = new Map<string, number>();
      for (const node of profile.nodes) {
        const time = self.get(node.id) ?? 0;
        if (time === 0) continue;
        const { functionName, url, lineNumber } = node.callFrame;
        const where = sourceOf(url);
        byPackage.set(where.package, (byPackage.get(where.package) ?? 0) + time);
        const name = `${functionName || '(anonymous)'} ${where.file ? `${where.file}:${lineNumber + 1}` : ''}`;
        byFunction.set(name.trim(), (byFunction.get(name.trim()) ?? 0) + time);
      }
      const sorted = (map: Map<string, number>) =>
        [...map.entries()]
          .sort((a, b) => b[1] - a[1])
          .map(([name, time]) => ({ name, percent: round((time / total) * 100, 1) }));
      return {
        file: path.relative(ROOT, file),
        byPackage: sorted(byPackage),
        byFunction: sorted(byFunction).slice(0, 40),
      };
    },
  };
}

/** A profile node's package (node_modules name, `src`, `node:…` or V8's own) and short file name. */
function sourceOf(url: string): { package: string; file: string } {
  if (!url) return { package: '(V8: program, GC, idle)', file: '' };
  if (url.startsWith('node:')) return { package: url, file: url };
  const filePath = url.startsWith('file://') ? new URL(url).pathname : url;
  const relative = path.relative(ROOT, filePath);
  const modules = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(relative);
  if (modules) return { package: modules[1]!, file: `${modules[1]}/${modules[2]}` };
  return { package: relative.split('/')[0] ?? relative, file: relative };
}

function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

/** Quantiles interpolate linearly between ranks, as in the auth bench. */
function describe(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((total, ms) => total + ms, 0);
  return {
    n: sorted.length,
    totalS: round(sum / 1000, 3),
    medianMs: round(quantile(sorted, 0.5), 2),
    p95Ms: round(quantile(sorted, 0.95), 2),
    maxMs: round(sorted[sorted.length - 1]!, 2),
    meanMs: round(sum / sorted.length, 2),
    minMs: round(sorted[0]!, 2),
  };
}
