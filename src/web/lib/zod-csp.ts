// Must be the first import of main.tsx: zod decides at schema creation whether to compile parsers
// with `new Function`, which our Content-Security-Policy (no 'unsafe-eval') forbids and reports.
import { z } from 'zod';

z.config({ jitless: true });
