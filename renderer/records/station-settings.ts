// Settings as the screens use them: anyone reads them (live), an administrator changes them.
import { requireAction, type RecordsContext } from './context.ts';
import { RecordsError, describeIssues } from './errors.ts';
import { MINUTE } from './dates.ts';
import { parseSettingsPatch, readSettings, type SettingsPatch, type StationSettings } from './settings.ts';
import type { Session } from './accounts/sessions.ts';

export interface SettingsRecords {
  /** All settings with defaults filled in (liveQuery-friendly). */
  read(): Promise<StationSettings>;
  /** Administrator only; each changed key is audited with its old and new value. */
  update(session: Session, patch: SettingsPatch): Promise<StationSettings>;
}

export function createSettingsRecords(ctx: RecordsContext): SettingsRecords {
  const { db, audit } = ctx;
  return {
    read: () => readSettings(db),
    async update(session, patch) {
      const admin = requireAction(ctx, session, 'change-settings');
      const parsed = parseSettingsPatch(patch);
      if (!parsed.success) throw new RecordsError('invalid', `settings: ${describeIssues(parsed.error.issues)}`);
      await db.transaction('rw', db.settings, db.audit, async () => {
        const before = await readSettings(db);
        for (const [key, value] of Object.entries(parsed.data)) {
          const old = before[key as keyof StationSettings];
          if (old === value) continue;
          await db.settings.put({ key, value });
          await audit.append(audit.draft('settings-change', admin.userId, key, { from: old, to: value as string | number | boolean }));
        }
      });
      await audit.signHead();
      const after = await readSettings(db);
      ctx.sessions.setTimeout(after.inactivityMinutes * MINUTE);
      return after;
    },
  };
}
