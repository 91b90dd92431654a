// Route schemas list their error statuses with one shape: `response: { 200: …, ...errorsOf(400, 404) }`.
import { errorResponseSchema } from '../../shared/errors.ts';

export function errorsOf(...statuses: number[]): Record<number, typeof errorResponseSchema> {
  return Object.fromEntries(statuses.map((status) => [status, errorResponseSchema]));
}
