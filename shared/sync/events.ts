// `POST /v1/events`: what a mailroom reports to the centre. Strict objects: an event carries ids,
// verdicts and hashes only, never an image, an address or a name, so unknown fields are refused.
import { z } from 'zod';
import { PRISON_NUMBER } from '../blocklist/format.ts';

export const MAX_EVENTS_PER_POST = 500;

const isoDateTime = z.iso.datetime({ offset: true });
const eventId = z.string().regex(/^[A-Za-z0-9._:-]{8,100}$/, 'must be 8–100 letters, digits or ._:-');
const ref = z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'must be 1–100 letters, digits or ._:-');
const common = { id: eventId, at: isoDateTime };

export const letterHeldEventSchema = z.strictObject({
  ...common,
  type: z.literal('letter-held'),
  letterId: ref,
  verdict: z.enum(['HOLD', 'REVIEW']),
  entryIds: z.array(z.string().min(1).max(200)).max(50),
  sender: z.string().regex(PRISON_NUMBER, 'must be a prison number like A1234BC').optional(),
  listVersion: z.number().int().nonnegative().optional(),
  /** Set when a re-check after a list change holds a letter screened CLEAR earlier. */
  alreadyDispatched: z.boolean().optional(),
});

export const decisionEventSchema = z.strictObject({
  ...common,
  type: z.literal('decision'),
  letterId: ref,
  decision: z.enum(['withheld', 'released', 'returned-to-sender', 'referred']),
  decidedBy: ref,
  entryIds: z.array(z.string().min(1).max(200)).max(50).optional(),
});

export const auditHeadEventSchema = z.strictObject({
  ...common,
  type: z.literal('audit-head'),
  seq: z.number().int().nonnegative(),
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 in lower-case hex'),
});

export const mailroomEventSchema = z.discriminatedUnion('type', [letterHeldEventSchema, decisionEventSchema, auditHeadEventSchema]);

export const eventsPostSchema = z.strictObject({
  events: z.array(mailroomEventSchema).min(1).max(MAX_EVENTS_PER_POST),
});

export const eventsResponseSchema = z.object({
  results: z.array(z.object({ id: z.string(), status: z.enum(['stored', 'duplicate']) })),
});

export type MailroomEvent = z.infer<typeof mailroomEventSchema>;
export type EventsPost = z.infer<typeof eventsPostSchema>;
export type EventsResponse = z.infer<typeof eventsResponseSchema>;
