import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { holdResult, openTestStation, scan, TEST_LIST, VICTIM } from './testing.ts';

async function stationWithHold() {
  const station = await openTestStation();
  const { system } = station.opened;
  await system('sync').blocklist.replace(TEST_LIST, { source: 'sync', signature: null });
  const officer = await station.signIn('officer');
  const letter = await station.opened.records.letters.recordScan(officer, scan(holdResult()));
  return { station, officer, letter };
}

describe('what each role may see and do, enforced in the layer', () => {
  it('refuses victim details to an officer, and audits the refusal', async () => {
    const { station, officer, letter } = await stationWithHold();
    const { blocklist, review } = station.opened.records;
    const err = await blocklist.victimDetails(officer, 'UPC-100231', letter.id).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'refused', message: 'an officer may not view victim details' });
    expect(String(err)).not.toContain(VICTIM.name);
    await expect(review.openLetter(officer, letter.id)).rejects.toMatchObject({ code: 'refused' });
    await expect(review.queue(officer)).rejects.toMatchObject({ code: 'refused' });
    await station.opened.settled();
    const admin = await station.signIn('admin');
    const refusals = (await station.opened.records.audit.recent(admin)).filter((e) => e.kind === 'access-refused');
    expect(refusals.map((e) => e.details.capability)).toEqual(['review', 'view-victim-details', 'view-victim-details']);
  });

  it('gives an officer the verdict, the block reference and the reason in words, not the victim', async () => {
    const { station, officer, letter } = await stationWithHold();
    expect(letter.verdict).toBe('HOLD');
    expect(letter.entryRefs).toEqual(['UPC-100231']);
    expect(letter.why).toBe('this address is on the protected list');
    const view = await station.opened.records.letters.officerView(officer, letter.id);
    expect(JSON.stringify({ ...view, reading: null, image: null })).not.toContain(VICTIM.alias);
    expect(view).not.toHaveProperty('result');
    expect(view).not.toHaveProperty('entries');
    expect(await station.opened.records.blocklist.reference(officer, 'UPC-100231')).toEqual({ entryId: 'UPC-100231', listVersion: 12, present: true });
  });

  it('shows a supervisor the victim details and audits each view', async () => {
    const { station, letter } = await stationWithHold();
    const supervisor = await station.signIn('supervisor');
    const page = await station.opened.records.review.openLetter(supervisor, letter.id);
    expect(page.entries[0]?.names).toContain(VICTIM.name);
    expect(page.result.matches[0]?.reasons[0]).toContain(VICTIM.postcode);
    const entry = await station.opened.records.blocklist.victimDetails(supervisor, 'UPC-100231', letter.id);
    expect(entry.phones).toEqual([VICTIM.phone]);
    const views = (await station.opened.records.audit.recent(supervisor)).filter((e) => e.kind === 'victim-view');
    expect(views.map((v) => [v.actor, v.subject])).toEqual([
      [supervisor.userId, 'UPC-100231'],
      [supervisor.userId, letter.id],
    ]);
    expect(JSON.stringify(views)).not.toContain(VICTIM.name);
  });

  it('lets an administrator import a list and change settings, but not see victim details or decide', async () => {
    const { station, letter } = await stationWithHold();
    const admin = await station.signIn('admin');
    const { blocklist, settings, review } = station.opened.records;
    const status = await blocklist.importFile(admin, JSON.stringify({ ...TEST_LIST, version: 13 }));
    expect(status).toMatchObject({ version: 13, entryCount: 2, source: 'file' });
    expect((await settings.update(admin, { retentionDays: 30 })).retentionDays).toBe(30);
    await expect(blocklist.victimDetails(admin, 'UPC-100231', null)).rejects.toMatchObject({ code: 'refused' });
    await expect(review.decide(admin, letter.id, { kind: 'release', reason: 'looks fine to me' })).rejects.toMatchObject({ code: 'refused' });
  });

  it('refuses list import and settings to officers and supervisors', async () => {
    const { station } = await stationWithHold();
    const supervisor = await station.signIn('supervisor');
    await expect(station.opened.records.blocklist.importFile(supervisor, JSON.stringify(TEST_LIST))).rejects.toMatchObject({ code: 'refused' });
    await expect(station.opened.records.settings.update(supervisor, { soundOn: false })).rejects.toMatchObject({ code: 'refused' });
  });
});

describe('the role table', () => {
  it('grants each role exactly its documented capabilities', async () => {
    const { can, ROLES } = await import('./roles.ts');
    const all = ['scan', 'officer-check', 'review', 'decide', 'view-victim-details', 'view-reports', 'view-audit', 'manage-accounts', 'change-settings', 'import-list', 'purge'] as const;
    const granted = Object.fromEntries(ROLES.map((r) => [r, all.filter((c) => can(r, c))]));
    expect(granted).toEqual({
      officer: ['scan', 'officer-check'],
      supervisor: ['scan', 'officer-check', 'review', 'decide', 'view-victim-details', 'view-reports', 'view-audit'],
      administrator: ['view-reports', 'view-audit', 'manage-accounts', 'change-settings', 'import-list', 'purge'],
    });
  });
});
