import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openTestStation } from './testing.ts';
import { DEFAULT_SETTINGS } from './settings.ts';
import { MINUTE } from './dates.ts';

describe('station settings', () => {
  it('starts from the documented defaults', async () => {
    const s = await openTestStation();
    expect(await s.opened.records.settings.read()).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toMatchObject({ retentionDays: 90, inactivityMinutes: 5, lockoutThreshold: 5, listWarnAgeHours: 24, listHardLimitDays: 7, recheckHours: 48 });
  });

  it('audits each change with its old and new value, and changes nothing else', async () => {
    const s = await openTestStation();
    const admin = await s.signIn('admin');
    const after = await s.opened.records.settings.update(admin, { inactivityMinutes: 2, soundOn: true });
    expect(after).toEqual({ ...DEFAULT_SETTINGS, inactivityMinutes: 2 });
    const changes = (await s.opened.records.audit.recent(admin)).filter((e) => e.kind === 'settings-change');
    expect(changes.map((e) => [e.subject, e.details])).toEqual([['inactivityMinutes', { from: 5, to: 2 }]]);
    // The new limit applies to the live session at once.
    expect(s.opened.records.accounts.idleRemainingMs(admin)).toBe(2 * MINUTE);
  });

  it('refuses values out of range or unknown keys, naming the field', async () => {
    const s = await openTestStation();
    const admin = await s.signIn('admin');
    await expect(s.opened.records.settings.update(admin, { retentionDays: 0 })).rejects.toMatchObject({ code: 'invalid', message: expect.stringContaining('retentionDays') });
    await expect(s.opened.records.settings.update(admin, { colour: 'red' } as never)).rejects.toMatchObject({ code: 'invalid' });
  });
});
