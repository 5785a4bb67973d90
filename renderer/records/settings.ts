// The station's settings: typed, with defaults, readable by every screen (nothing here is
// sensitive) and changed only by an administrator, each change audited with its old and new value.
import { z } from 'zod';
import type { MailroomDb } from './db/database.ts';

export const settingsSchema = z.object({
  /** Letters and their images are purged this many days after the scan; decisions and audit are kept. */
  retentionDays: z.number().int().min(1).max(3650).default(90),
  /** Automatic sign-out after this many minutes without input (shared PCs). */
  inactivityMinutes: z.number().int().min(1).max(60).default(5),
  /** Failed sign-ins in a row before an account is locked. */
  lockoutThreshold: z.number().int().min(3).max(20).default(5),
  lockoutMinutes: z.number().int().min(1).max(24 * 60).default(15),
  /** The banner turns red when the list is older than this (from the server's signed time). */
  listWarnAgeHours: z.number().int().min(1).max(24 * 30).default(24),
  /** Past this, every letter is REVIEW until a fresh list arrives. */
  listHardLimitDays: z.number().int().min(1).max(90).default(7),
  /** CLEAR letters from this many hours back are screened again when the list changes. */
  recheckHours: z.number().int().min(0).max(24 * 14).default(48),
  soundOn: z.boolean().default(true),
  stationName: z.string().trim().max(80).default(''),
});

export type StationSettings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof StationSettings;
export const SETTING_KEYS = Object.keys(settingsSchema.shape) as SettingKey[];
export const DEFAULT_SETTINGS: StationSettings = settingsSchema.parse({});

/** Keys the layer keeps for itself in the same table (counters, the key check). */
export const INTERNAL = {
  sequence: 'internal:sequence',
  keyCheck: 'internal:keyCheck',
  /** The sync engine's ListState and SnapshotStaging (shared/sync-client/ports.ts). */
  syncList: 'internal:syncList',
  syncStaging: 'internal:syncStaging',
} as const;

/** Reads every setting; a stored value that no longer validates falls back to its default. */
export async function readSettings(db: MailroomDb): Promise<StationSettings> {
  const rows = await db.settings.where('key').anyOf(SETTING_KEYS).toArray();
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const row of rows) {
    const field = settingsSchema.shape[row.key as SettingKey];
    const parsed = field.safeParse(row.value);
    if (parsed.success) out[row.key] = parsed.data;
  }
  return out as StationSettings;
}

export type SettingsPatch = Partial<StationSettings>;

/** Validates a patch; keys absent from the input stay absent (zod would fill in their defaults). */
export function parseSettingsPatch(input: unknown): z.ZodSafeParseResult<SettingsPatch> {
  const parsed = settingsSchema.partial().strict().safeParse(input);
  if (!parsed.success || typeof input !== 'object' || input === null) return parsed;
  const given = new Set(Object.keys(input));
  return { ...parsed, data: Object.fromEntries(Object.entries(parsed.data).filter(([k]) => given.has(k))) as SettingsPatch };
}
