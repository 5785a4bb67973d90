// The `mailroom-blocklist/v1` file format: one zod definition that the CLI, the app and the sync
// all validate against. Error messages name the entry and the field, never the value (victim data).
import { z } from 'zod';

export const BLOCKLIST_FORMAT = 'mailroom-blocklist/v1' as const;

export const REQUESTED_BY = [
  'victim',
  'on-behalf-with-consent',
  'police',
  'probation',
  'victim-services',
  'friend-or-family',
] as const;
export type RequestedBy = (typeof REQUESTED_BY)[number];

/** A prison number as issued in England and Wales: one letter, four digits, two letters. */
export const PRISON_NUMBER = /^[A-Z]\d{4}[A-Z]{2}$/;

const isoDateTime = z.iso.datetime({ offset: true });

export const blockAddressSchema = z.object({
  lines: z.array(z.string().trim().min(1)).default([]),
  town: z.string().trim().optional(),
  postcode: z.string().trim().optional(),
});

export const blockScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all-prisoners') }),
  z.object({
    kind: z.literal('prisoners'),
    prisonNumbers: z
      .array(z.string().trim().toUpperCase().regex(PRISON_NUMBER, 'must be a prison number like A1234BC'))
      .min(1),
  }),
]);

export const blockEntrySchema = z
  .object({
    id: z.string().trim().min(1),
    names: z.array(z.string().trim().min(1)).default([]),
    addresses: z.array(blockAddressSchema).default([]),
    phones: z.array(z.string()).default([]),
    emails: z.array(z.string()).default([]),
    scope: blockScopeSchema.default({ kind: 'all-prisoners' }),
    requestedBy: z.enum(REQUESTED_BY).optional(),
    validFrom: isoDateTime.nullable().optional(),
    validUntil: isoDateTime.nullable().optional(),
  })
  .refine((e) => e.names.length > 0 || e.addresses.length > 0, {
    message: 'needs at least one name or address',
    path: ['names'],
  })
  .refine((e) => e.addresses.every((a) => a.lines.length > 0 || Boolean(a.postcode)), {
    message: 'each address needs lines or a postcode',
    path: ['addresses'],
  });

export const blocklistSchema = z.object({
  format: z.literal(BLOCKLIST_FORMAT),
  version: z.number().int().nonnegative(),
  generatedAt: isoDateTime.optional(),
  entries: z.array(blockEntrySchema),
});

export type BlockAddress = z.infer<typeof blockAddressSchema>;
export type BlockScope = z.infer<typeof blockScopeSchema>;
export type BlockEntry = z.infer<typeof blockEntrySchema>;
export type Blocklist = z.infer<typeof blocklistSchema>;

export type BlocklistParseResult =
  | { readonly ok: true; readonly list: Blocklist }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Describes where a zod issue sits in words a case handler can act on, without quoting the value. */
function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const path = issue.path;
  if (path[0] === 'entries' && typeof path[1] === 'number') {
    const entries = (raw as { entries?: unknown[] }).entries;
    const entry = Array.isArray(entries) ? entries[path[1]] : undefined;
    const id =
      entry && typeof entry === 'object' && typeof (entry as { id?: unknown }).id === 'string'
        ? `"${(entry as { id: string }).id}"`
        : '(no id)';
    const field = path.slice(2).map(String).join('.') || '(entry)';
    return `entry ${path[1] + 1} ${id}: field ${field}: ${safeMessage(issue)}`;
  }
  const field = path.map(String).join('.') || '(file)';
  return `field ${field}: ${safeMessage(issue)}`;
}

/**
 * What is wrong with a field, in words that hold no part of its value: zod's own messages can echo
 * input values. Custom messages are this file's refinements (fixed text). Used by the central
 * service too.
 */
export function safeMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${JSON.stringify(issue.values[0])}` : 'is not an allowed value';
    case 'invalid_format':
      return `is not a valid ${issue.format}`;
    case 'too_small':
      return issue.origin === 'array' ? `needs at least ${String(issue.minimum)} item(s)` : 'is empty or too small';
    case 'too_big':
      return 'is too big';
    case 'invalid_union':
      return 'has the wrong shape';
    case 'unrecognized_keys':
      return 'has unknown keys';
    case 'custom':
      return issue.message;
    default:
      return 'is invalid';
  }
}

/** Validates a parsed JSON value as a blocklist. Never throws; problems never contain values. */
export function parseBlocklist(raw: unknown): BlocklistParseResult {
  const result = blocklistSchema.safeParse(raw);
  if (!result.success) {
    return { ok: false, problems: result.error.issues.slice(0, 20).map((i) => describeIssue(i, raw)) };
  }
  const seen = new Set<string>();
  const problems: string[] = [];
  result.data.entries.forEach((e, i) => {
    if (seen.has(e.id)) problems.push(`entry ${i + 1} "${e.id}": field id: duplicates an earlier entry`);
    seen.add(e.id);
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, list: result.data };
}

/** Parses blocklist text (JSON). A syntax error is reported with its position, not the content. */
export function parseBlocklistText(text: string): BlocklistParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const where = e instanceof Error ? (/position \d+/.exec(e.message)?.[0] ?? 'unknown position') : 'unknown position';
    return { ok: false, problems: [`not valid JSON (at ${where})`] };
  }
  return parseBlocklist(raw);
}
