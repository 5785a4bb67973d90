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

// A hand-written check of the shapes the schema accepts, for speed on a national list (zod takes ~1.2 s
// over 100k entries; this takes a tenth of that). It accepts only what the schema certainly accepts and
// returns the schema's exact output (trimmed, defaults filled, unknown keys dropped, keys in schema
// order); on anything else it gives up, and the schema runs on the whole file for the exact problems.

const plain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
const GIVE_UP = Symbol('give up');
/** The key's value, or `undefined` when absent; a key that is present but undefined gives up (zod keeps it). */
function field(o: Record<string, unknown>, key: string): unknown {
  const v = o[key];
  if (v === undefined && Object.prototype.hasOwnProperty.call(o, key)) throw GIVE_UP;
  return v;
}
/** An array of strings as the schema takes it: `trim` and `nonEmpty` as its string fields say. */
function strings(v: unknown, { trim, nonEmpty }: { trim: boolean; nonEmpty: boolean }): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw GIVE_UP;
  const out: string[] = new Array<string>(v.length);
  for (let i = 0; i < v.length; i++) {
    const s: unknown = v[i];
    if (typeof s !== 'string') throw GIVE_UP;
    const t = trim ? s.trim() : s;
    if (nonEmpty && t.length === 0) throw GIVE_UP;
    out[i] = t;
  }
  return out;
}
/** Each item through `one`, holes included (a sparse array's holes are undefined to the schema, so give up). */
function each<T>(v: readonly unknown[], one: (item: unknown) => T): T[] {
  const out: T[] = new Array<T>(v.length);
  for (let i = 0; i < v.length; i++) out[i] = one(v[i]);
  return out;
}
function optionalTrimmed(o: Record<string, unknown>, key: string, into: Record<string, unknown>): void {
  const v = field(o, key);
  if (v === undefined) return;
  if (typeof v !== 'string') throw GIVE_UP;
  into[key] = v.trim();
}
const REQUESTED = new Set<string>(REQUESTED_BY);
const goodDateTimes = new Set<string>();
function optionalDateTime(o: Record<string, unknown>, key: string, into: Record<string, unknown>, nullable: boolean): void {
  const v = field(o, key);
  if (v === undefined) return;
  if (v === null && nullable) {
    into[key] = null;
    return;
  }
  if (typeof v !== 'string') throw GIVE_UP;
  if (!goodDateTimes.has(v)) {
    if (!isoDateTime.safeParse(v).success) throw GIVE_UP;
    if (goodDateTimes.size < 10_000) goodDateTimes.add(v);
  }
  into[key] = v;
}
function fastAddress(v: unknown): BlockAddress {
  if (!plain(v)) throw GIVE_UP;
  const out: Record<string, unknown> = { lines: strings(field(v, 'lines'), { trim: true, nonEmpty: true }) };
  optionalTrimmed(v, 'town', out);
  optionalTrimmed(v, 'postcode', out);
  const a = out as BlockAddress;
  if (a.lines.length === 0 && !a.postcode) throw GIVE_UP;
  return a;
}
function fastScope(v: unknown): BlockScope {
  if (v === undefined) return { kind: 'all-prisoners' };
  if (!plain(v)) throw GIVE_UP;
  const kind = field(v, 'kind');
  if (kind === 'all-prisoners') return { kind: 'all-prisoners' };
  if (kind !== 'prisoners') throw GIVE_UP;
  const numbers = strings(field(v, 'prisonNumbers'), { trim: true, nonEmpty: false }).map((n) => n.toUpperCase());
  if (numbers.length === 0 || !numbers.every((n) => PRISON_NUMBER.test(n))) throw GIVE_UP;
  return { kind: 'prisoners', prisonNumbers: numbers };
}
function fastEntry(v: unknown): BlockEntry {
  if (!plain(v)) throw GIVE_UP;
  const id = field(v, 'id');
  if (typeof id !== 'string') throw GIVE_UP;
  const rawAddresses = field(v, 'addresses');
  if (rawAddresses !== undefined && !Array.isArray(rawAddresses)) throw GIVE_UP;
  const out: Record<string, unknown> = {
    id: id.trim(),
    names: strings(field(v, 'names'), { trim: true, nonEmpty: true }),
    addresses: rawAddresses === undefined ? [] : each(rawAddresses as unknown[], fastAddress),
    phones: strings(field(v, 'phones'), { trim: false, nonEmpty: false }),
    emails: strings(field(v, 'emails'), { trim: false, nonEmpty: false }),
    scope: fastScope(field(v, 'scope')),
  };
  const requestedBy = field(v, 'requestedBy');
  if (requestedBy !== undefined) {
    if (typeof requestedBy !== 'string' || !REQUESTED.has(requestedBy)) throw GIVE_UP;
    out['requestedBy'] = requestedBy;
  }
  optionalDateTime(v, 'validFrom', out, true);
  optionalDateTime(v, 'validUntil', out, true);
  const e = out as BlockEntry;
  if (e.id.length === 0 || (e.names.length === 0 && e.addresses.length === 0)) throw GIVE_UP;
  return e;
}
/** The schema's output for a well-formed list, or `undefined` when anything needs the schema's judgement. */
export function fastParseBlocklist(raw: unknown): Blocklist | undefined {
  try {
    if (!plain(raw)) return undefined;
    const version = field(raw, 'version');
    const entries = field(raw, 'entries');
    if (field(raw, 'format') !== BLOCKLIST_FORMAT || typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) {
      return undefined;
    }
    if (!Array.isArray(entries)) return undefined;
    const out: Record<string, unknown> = { format: BLOCKLIST_FORMAT, version };
    optionalDateTime(raw, 'generatedAt', out, false);
    out['entries'] = each(entries as unknown[], fastEntry);
    return out as Blocklist;
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}

/** Validates a parsed JSON value as a blocklist. Never throws; problems never contain values. */
export function parseBlocklist(raw: unknown): BlocklistParseResult {
  const fast = fastParseBlocklist(raw);
  const result = fast ? ({ success: true, data: fast } as const) : blocklistSchema.safeParse(raw);
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
