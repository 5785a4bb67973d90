import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { liveQuery } from 'dexie';
import { clearResult, holdResult, openTestStation, reading, reviewResult, scan, TEST_LIST, watch } from './testing.ts';
import { HOUR } from './dates.ts';
import { mailroomEventSchema } from '../../shared/sync/events.ts';

async function station() {
  const s = await openTestStation();
  await s.opened.system('sync').blocklist.replace(TEST_LIST, { source: 'sync', signature: null });
  return s;
}

describe('the scan station records letters', () => {
  it('numbers letters in order and files each by its verdict', async () => {
    const s = await station();
    const officer = await s.signIn('officer');
    const { letters } = s.opened.records;
    const a = await letters.recordScan(officer, scan(clearResult()));
    const b = await letters.recordScan(officer, scan(holdResult()));
    const c = await letters.recordScan(officer, scan(reviewResult('unreadable')));
    const d = await letters.recordScan(officer, scan(reviewResult('possible-match')));
    expect([a, b, c, d].map((l) => [l.sequence, l.state])).toEqual([
      [1, 'cleared'],
      [2, 'held'],
      [3, 'officer-check'],
      [4, 'awaiting-review'],
    ]);
    expect((await letters.batch(officer, 'batch-1')).map((l) => l.sequence)).toEqual([1, 2, 3, 4]);
    expect((await letters.officerQueue(officer)).map((l) => l.id)).toEqual([c.id]);
  });

  it('recognises the same image file scanned twice', async () => {
    const s = await station();
    const officer = await s.signIn('officer');
    const input = scan(clearResult());
    const first = await s.opened.records.letters.recordScan(officer, input);
    expect((await s.opened.records.letters.findByImage(officer, input.image?.sha256 ?? ''))?.id).toBe(first.id);
  });

  it('screens an unreadable letter again once the officer types the postcode', async () => {
    const s = await station();
    const officer = await s.signIn('officer');
    const { letters } = s.opened.records;
    const letter = await letters.recordScan(officer, scan(reviewResult('unreadable'), '???'));
    const checked = await letters.officerCheck(officer, letter.id, reading('14 Acacia Road LS6 2AB', 'officer-check'), holdResult(), 12);
    expect(checked).toMatchObject({ state: 'held', verdict: 'HOLD', sequence: letter.sequence });
    expect(checked.reading.source).toBe('officer-check');
    await expect(letters.officerCheck(officer, letter.id, reading('x'), clearResult(), 12)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('puts every stopped letter, every decision and the newest audit head in the outbox, in the shape of the protocol', async () => {
    const s = await station();
    const officer = await s.signIn('officer');
    await s.opened.records.letters.recordScan(officer, scan(clearResult()));
    await s.opened.records.letters.recordScan(officer, scan(reviewResult('unreadable')));
    const held = await s.opened.records.letters.recordScan(officer, scan(holdResult()));
    const supervisor = await s.signIn('supervisor');
    const decision = await s.opened.records.review.decide(supervisor, held.id, { kind: 'confirm-hold', reason: 'on the protected list', referral: { to: 'police', reference: 'P-1' } });
    const outbox = s.opened.system('sync').outbox;
    const due = await outbox.due(s.clock.now().getTime(), 100);
    const events = due.map((d) => d.event);
    expect(events.filter((e) => e.type !== 'audit-head')).toEqual([
      expect.objectContaining({ type: 'letter-held', letterId: held.id, verdict: 'HOLD', entryIds: ['UPC-100231'], sender: 'A1234BC', listVersion: 12 }),
      expect.objectContaining({ type: 'decision', id: decision.id, letterId: held.id, decision: 'referred', decidedBy: supervisor.userId }),
    ]);
    const heads = events.filter((e) => e.type === 'audit-head');
    expect(heads).toHaveLength(1);
    expect(heads[0]).toMatchObject({ seq: (await s.opened.system('sync').audit.signedHead())?.head.seq });
    for (const e of events) expect(mailroomEventSchema.safeParse(e).success).toBe(true);
    await outbox.add([events[0] as (typeof events)[number]]); // a second add of a held id is a no-op
    expect(await outbox.count()).toBe(3);
    await outbox.remove(events.map((e) => e.id));
    expect(await outbox.count()).toBe(0);
  });

  it('queues each supervisor decision for the centre with the decision itself: withheld, released, none for a letter sent back to the officer, none for a refused decision', async () => {
    const s = await station();
    const officer = await s.signIn('officer');
    const { letters } = s.opened.records;
    const withheld = await letters.recordScan(officer, scan(holdResult()));
    const released = await letters.recordScan(officer, scan(reviewResult('possible-match')));
    const returned = await letters.recordScan(officer, scan(holdResult()));
    const supervisor = await s.signIn('supervisor');
    const { review } = s.opened.records;
    const outbox = s.opened.system('sync').outbox;
    const decisions = async () => (await outbox.due(s.clock.now().getTime(), 100)).map((d) => d.event).filter((e) => e.type === 'decision');

    const w = await review.decide(supervisor, withheld.id, { kind: 'confirm-hold', reason: 'victim address on the list' });
    const r = await review.decide(supervisor, released.id, { kind: 'release', reason: 'a different person at another address' });
    await review.decide(supervisor, returned.id, { kind: 'return-to-officer', reason: 'the scan is blurred, scan again' });
    // A second decision on a letter already decided is refused, and nothing reaches the outbox for it.
    await expect(review.decide(supervisor, withheld.id, { kind: 'release', reason: 'changed my mind about it' })).rejects.toMatchObject({ code: 'conflict' });

    const queued = await decisions();
    expect(queued).toEqual([
      { id: w.id, at: w.decidedAt, type: 'decision', letterId: withheld.id, decision: 'withheld', decidedBy: supervisor.userId, entryIds: ['UPC-100231'] },
      expect.objectContaining({ id: r.id, type: 'decision', letterId: released.id, decision: 'released', decidedBy: supervisor.userId }),
    ]);
    // The protocol's shape: ids and verdicts only, never the reason, an address or a name.
    for (const e of queued) expect(mailroomEventSchema.safeParse(e).success).toBe(true);
    expect(JSON.stringify(queued)).not.toMatch(/victim address|different person|Acacia/);
  });

  it('retries a failed send later', async () => {
    const s = await station();
    const officer = await s.signIn('officer');
    await s.opened.records.letters.recordScan(officer, scan(holdResult()));
    const outbox = s.opened.system('sync').outbox;
    const now = () => s.clock.now().getTime();
    const [first] = (await outbox.due(now(), 100)).filter((d) => d.event.type === 'letter-held');
    await outbox.defer([first?.event.id ?? ''], now() + 60_000, 'service returned 500');
    expect((await outbox.due(now(), 100)).map((d) => d.event.type)).not.toContain('letter-held');
    s.clock.advance(60_000);
    expect((await outbox.due(now(), 100)).find((d) => d.event.type === 'letter-held')).toMatchObject({ attempts: 1, lastError: 'service returned 500' });
  });
});

describe('the review desk', () => {
  it('lists HOLD and REVIEW letters oldest first with counts, filtered by day, verdict and officer', async () => {
    const s = await station();
    let officer = await s.signIn('officer');
    const { letters } = s.opened.records;
    const first = await letters.recordScan(officer, scan(holdResult()));
    s.clock.advance(HOUR);
    officer = await s.signIn('officer');
    const second = await letters.recordScan(officer, scan(reviewResult()));
    await letters.recordScan(officer, scan(clearResult()));
    s.clock.advance(24 * HOUR);
    officer = await s.signIn('officer');
    const nextDay = await letters.recordScan(officer, scan(holdResult()));
    const supervisor = await s.signIn('supervisor');
    const { review } = s.opened.records;
    const all = await review.queue(supervisor);
    expect(all.items.map((i) => i.id)).toEqual([first.id, second.id, nextDay.id]);
    expect(all.counts).toEqual({ total: 3, HOLD: 2, REVIEW: 1, alreadyDispatched: 0 });
    expect((await review.queue(supervisor, { day: first.day })).items.map((i) => i.id)).toEqual([first.id, second.id]);
    expect((await review.queue(supervisor, { verdict: 'HOLD' })).counts.total).toBe(2);
    expect((await review.queue(supervisor, { officerId: 'someone-else' })).counts.total).toBe(0);
  });

  it('updates a live queue when a decision is made', async () => {
    const s = await station();
    const officer = await s.signIn('officer');
    const held = await s.opened.records.letters.recordScan(officer, scan(holdResult()));
    const supervisor = await s.signIn('supervisor');
    const { review } = s.opened.records;
    const live = watch(liveQuery(() => review.queue(supervisor)));
    await live.emissions(1);
    await review.decide(supervisor, held.id, { kind: 'confirm-hold', reason: 'address on the protected list', referral: { to: 'police', reference: 'WY-2026-0042' } });
    await live.emissions(2);
    live.stop();
    expect(live.seen.map((q) => q.counts.total)).toEqual([1, 0]);
  });

  it('requires a reason for every decision', async () => {
    const s = await station();
    const officer = await s.signIn('officer');
    const held = await s.opened.records.letters.recordScan(officer, scan(holdResult()));
    const supervisor = await s.signIn('supervisor');
    await expect(s.opened.records.review.decide(supervisor, held.id, { kind: 'release', reason: '  ' })).rejects.toMatchObject({ code: 'invalid' });
  });

  it('confirms a hold with a referral, and keeps the reason for the letter page', async () => {
    const s = await station();
    const officer = await s.signIn('officer');
    const held = await s.opened.records.letters.recordScan(officer, scan(holdResult()));
    const supervisor = await s.signIn('supervisor');
    const { review, letters } = s.opened.records;
    const decision = await review.decide(supervisor, held.id, { kind: 'confirm-hold', reason: 'victim address, refer', referral: { to: 'case-handler', reference: 'CH-77' } });
    expect(decision).toMatchObject({ kind: 'confirm-hold', referredTo: 'case-handler' });
    expect((await letters.summary(supervisor, held.id)).state).toBe('withheld');
    const page = await review.openLetter(supervisor, held.id);
    expect(page.decisions).toEqual([expect.objectContaining({ reason: 'victim address, refer', reference: 'CH-77' })]);
    await expect(review.decide(supervisor, held.id, { kind: 'release', reason: 'changed my mind' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('remembers a release so the engine stops matching that addressee to that entry', async () => {
    const s = await station();
    const officer = await s.signIn('officer');
    const held = await s.opened.records.letters.recordScan(officer, scan(reviewResult()));
    const supervisor = await s.signIn('supervisor');
    await s.opened.records.review.decide(supervisor, held.id, {
      kind: 'release',
      reason: 'same name, different person and town',
      remember: [{ entryId: 'UPC-100231', entryFingerprint: 'ef1', addresseeFingerprint: 'af1' }],
    });
    expect(await s.opened.system('worker').releases.forEngine()).toEqual([{ entryId: 'UPC-100231', entryFingerprint: 'ef1', addresseeFingerprint: 'af1' }]);
    const [release] = await s.opened.records.releases.list(supervisor);
    await s.opened.records.releases.revoke(supervisor, release?.id ?? '', 'released in error');
    expect(await s.opened.system('worker').releases.forEngine()).toEqual([]);
  });

  it('returns a letter to the officer to scan again', async () => {
    const s = await station();
    const officer = await s.signIn('officer');
    const held = await s.opened.records.letters.recordScan(officer, scan(reviewResult()));
    const supervisor = await s.signIn('supervisor');
    await s.opened.records.review.decide(supervisor, held.id, { kind: 'return-to-officer', reason: 'image too dark, scan again' });
    const again = await s.signIn('officer');
    expect((await s.opened.records.letters.officerQueue(again)).map((l) => [l.id, l.state])).toEqual([[held.id, 'rescan']]);
  });

  it('shows earlier letters to the same address on the letter page', async () => {
    const s = await station();
    let officer = await s.signIn('officer');
    const earlier = await s.opened.records.letters.recordScan(officer, scan(holdResult()));
    s.clock.advance(HOUR);
    officer = await s.signIn('officer');
    const later = await s.opened.records.letters.recordScan(officer, scan(holdResult()));
    await s.opened.records.letters.recordScan(officer, scan(clearResult()));
    const supervisor = await s.signIn('supervisor');
    const page = await s.opened.records.review.openLetter(supervisor, later.id);
    expect(page.earlier.map((l) => l.id)).toEqual([earlier.id]);
  });
});

describe('re-checks after a list change', () => {
  it('sends a recently cleared letter that now matches to the supervisor, marked already dispatched', async () => {
    const s = await station();
    const officer = await s.signIn('officer');
    const cleared = await s.opened.records.letters.recordScan(officer, scan(clearResult(), 'Tom Brown\n1 High Street\nYork YO1 7HH'));
    const sync = s.opened.system('sync').letters;
    const candidates = await sync.recentlyCleared(48);
    expect(candidates.map((c) => [c.letterId, c.text])).toEqual([[cleared.id, 'Tom Brown\n1 High Street\nYork YO1 7HH']]);
    const after = await sync.recheck(cleared.id, holdResult(), 13);
    expect(after).toMatchObject({ state: 'held', alreadyDispatched: true, listVersion: 13 });
    const supervisor = await s.signIn('supervisor');
    expect((await s.opened.records.review.queue(supervisor)).counts.alreadyDispatched).toBe(1);
  });
});
