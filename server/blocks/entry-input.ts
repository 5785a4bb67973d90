// Validates a block as a caller sends it (admin API or the page's form): the shared entry schema,
// plus what only the centre records. Problems name the field and never quote the value.
import { z } from 'zod';
import { blockEntrySchema, safeMessage } from '../../shared/blocklist/format.ts';
import type { BlockRecord } from './block-record.ts';
import { ServiceError } from './service-error.ts';

const extrasSchema = z.object({
  consentGiven: z.boolean().nullable().optional(),
  reason: z.string().trim().max(1000).optional(),
});

export interface BlockInput {
  readonly record: BlockRecord;
  readonly reason: string | null;
}

/** Field path and what is wrong with it, in words that hold no part of the value. */
export function describeProblem(issue: z.core.$ZodIssue): { field: string; message: string } {
  const field = issue.path.map(String).join('.') || '(body)';
  const what = safeMessage(issue);
  return { field, message: `field ${field} ${what}` };
}

export function parseBlockInput(body: unknown): BlockInput {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new ServiceError('invalid', 'the body must be a JSON object', '(body)');
  const entry = blockEntrySchema.safeParse(body);
  if (!entry.success) {
    const { field, message } = describeProblem(entry.error.issues[0]!);
    throw new ServiceError('invalid', message, field);
  }
  const extras = extrasSchema.safeParse(body);
  if (!extras.success) {
    const { field, message } = describeProblem(extras.error.issues[0]!);
    throw new ServiceError('invalid', message, field);
  }
  const consentGiven = extras.data.consentGiven ?? null;
  if (entry.data.requestedBy === 'on-behalf-with-consent' && consentGiven !== true) {
    throw new ServiceError('invalid', 'field consentGiven must be true when requestedBy is on-behalf-with-consent', 'consentGiven');
  }
  return { record: { entry: entry.data, consentGiven }, reason: extras.data.reason || null };
}
