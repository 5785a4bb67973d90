import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { clearResult, holdResult, openTestStation, scan, TEST_LIST } from './testing.ts';
import { DAY } from './dates.ts';

describe('retention', () => {
  it('purges letters older than 90 days, keeps decisions, open letters and the audit trail, and audits the purge', async () => {
    const s = await openTestStation();
    await s.opened.system('sync').blocklist.replace(TEST_LIST, { source: 'sync', signature: null });
    let officer = await s.signIn('officer');
    const cleared = await s.opened.records.letters.recordScan(officer, scan(clearResult()));
    const decided = await s.opened.records.letters.recordScan(officer, scan(holdResult()));
    const stillOpen = await s.opened.records.letters.recordScan(officer, scan(holdResult()));
    let supervisor = await s.signIn('supervisor');
    await s.opened.records.review.decide(supervisor, decided.id, { kind: 'confirm-hold', reason: 'on the protected list' });
    s.clock.advance(89 * DAY);
    officer = await s.signIn('officer');
    const recent = await s.opened.records.letters.recordScan(officer, scan(clearResult()));
    s.clock.advance(2 * DAY);

    const report = await s.opened.system('housekeeping').purge();
    expect(report).toMatchObject({ lettersPurged: 2, keptOpen: 1 });

    supervisor = await s.signIn('supervisor');
    const { letters, review, audit } = s.opened.records;
    await expect(letters.summary(supervisor, cleared.id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(letters.summary(supervisor, decided.id)).rejects.toMatchObject({ code: 'not-found' });
    expect((await letters.summary(supervisor, stillOpen.id)).state).toBe('held');
    expect((await letters.summary(supervisor, recent.id)).state).toBe('cleared');
    expect(await review.decisionsBetween(supervisor, '2000-01-01', '2100-01-01')).toHaveLength(1);
    const events = await audit.recent(supervisor);
    expect(events.find((e) => e.kind === 'purge')).toMatchObject({ actor: 'system:housekeeping', details: expect.objectContaining({ lettersPurged: 2, retentionDays: 90 }) });
    expect(events.find((e) => e.kind === 'scan' && e.subject === cleared.id)).toBeDefined();
    expect((await audit.verify(supervisor)).status).toBe('VALID');
  });

  it('follows the retention period an administrator set, and only an administrator purges by hand', async () => {
    const s = await openTestStation();
    const officer = await s.signIn('officer');
    await s.opened.records.letters.recordScan(officer, scan(clearResult()));
    await expect(s.opened.records.retention.purgeNow(officer)).rejects.toMatchObject({ code: 'refused' });
    const admin = await s.signIn('admin');
    await s.opened.records.settings.update(admin, { retentionDays: 7 });
    s.clock.advance(8 * DAY);
    const again = await s.signIn('admin');
    expect((await s.opened.records.retention.purgeNow(again)).lettersPurged).toBe(1);
  });
});
