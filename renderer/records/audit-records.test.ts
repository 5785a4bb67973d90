import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { hashAuditEvent, type AuditEvent, type HeadSigner } from '../../shared/audit/index.ts';
import { clearResult, holdResult, openTestStation, scan, TEST_LIST, VICTIM } from './testing.ts';

/** A station with a realistic trail: sign-ins, a list update, scans, a decision. */
async function busyStation(signer?: HeadSigner) {
  const s = await openTestStation(signer ? { headSigner: signer } : {});
  await s.opened.system('sync').blocklist.replace(TEST_LIST, { source: 'sync', signature: null });
  const officer = await s.signIn('officer');
  await s.opened.records.letters.recordScan(officer, scan(clearResult()));
  const held = await s.opened.records.letters.recordScan(officer, scan(holdResult()));
  const supervisor = await s.signIn('supervisor');
  await s.opened.records.review.decide(supervisor, held.id, { kind: 'confirm-hold', reason: 'on the protected list' });
  return { s, supervisor };
}

/** Opens the same IndexedDB database behind the layer's back, as someone with disk access could. */
async function tamper(name: string, change: (audit: Dexie.Table<AuditEvent, number>) => PromiseLike<unknown>) {
  const raw = new Dexie(name);
  await raw.open();
  await change(raw.table('audit'));
  raw.close();
}

describe('the audit trail in the records layer', () => {
  it('records every sign-in, sign-out, list update, scan, verdict and decision in one chain, without victim data', async () => {
    const { s, supervisor } = await busyStation();
    const events = (await s.opened.records.audit.recent(supervisor)).reverse();
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const kinds = new Set(events.map((e) => e.kind));
    for (const k of ['account-created', 'list-update', 'sign-in', 'sign-out', 'scan', 'verdict', 'decision']) expect(kinds).toContain(k);
    const text = JSON.stringify(events);
    for (const secret of [VICTIM.name, VICTIM.postcode, VICTIM.line, 'on the protected list']) expect(text).not.toContain(secret);
  });

  it('verifies an untouched trail as VALID and audits the check', async () => {
    const { s, supervisor } = await busyStation();
    const result = await s.opened.records.audit.verify(supervisor);
    expect(result.status).toBe('VALID');
    expect(result.summary).toMatch(/^VALID/);
    expect((await s.opened.records.audit.recent(supervisor, 1))[0]?.kind).toBe('audit-verified');
  });

  it('names an event edited in the database files', async () => {
    const { s, supervisor } = await busyStation();
    const decision = (await s.opened.records.audit.recent(supervisor)).find((e) => e.kind === 'decision');
    await tamper(s.databaseName, (t) => t.update(decision?.seq ?? 0, { details: { kind: 'release' } }));
    const result = await s.opened.records.audit.verify(supervisor);
    expect(result.status).toBe('BROKEN');
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'edited', seq: decision?.seq })]);
  });

  it('names two events whose places were swapped', async () => {
    const { s, supervisor } = await busyStation();
    await tamper(s.databaseName, async (t) => {
      const [a, b] = await t.where('seq').anyOf(4, 5).sortBy('seq');
      if (!a || !b) throw new Error('missing');
      await t.bulkPut([{ ...b, seq: 4 }, { ...a, seq: 5 }]);
    });
    const result = await s.opened.records.audit.verify(supervisor);
    expect(result.problems.map((p) => [p.kind, p.seq])).toEqual([
      ['reordered', 4],
      ['reordered', 5],
    ]);
  });

  it('names an event deleted from the middle', async () => {
    const { s, supervisor } = await busyStation();
    await tamper(s.databaseName, (t) => t.delete(3));
    const result = await s.opened.records.audit.verify(supervisor);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'deleted', seq: 3 })]);
  });

  it('names the newest event deleted, through the head main signed', async () => {
    const { s, supervisor } = await busyStation();
    const last = (await s.opened.records.audit.recent(supervisor, 1))[0];
    await tamper(s.databaseName, (t) => t.delete(last?.seq ?? 0));
    const result = await s.opened.records.audit.verify(supervisor);
    expect(result.status).toBe('BROKEN');
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'deleted', seq: last?.seq })]);
  });

  it('detects the newest event replaced with a re-hashed forgery', async () => {
    const { s, supervisor } = await busyStation();
    const last = (await s.opened.records.audit.recent(supervisor, 1))[0] as AuditEvent;
    const forged = { ...last, actor: 'nobody' };
    await tamper(s.databaseName, (t) => t.put({ ...forged, hash: hashAuditEvent(forged) }));
    const result = await s.opened.records.audit.verify(supervisor);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'head-mismatch', seq: last.seq })]);
  });

  it('exports CSV with each event checked and the verification result', async () => {
    const { s, supervisor } = await busyStation();
    await tamper(s.databaseName, (t) => t.update(2, { actor: 'someone' }));
    const { csv, verification } = await s.opened.records.audit.exportCsv(supervisor);
    expect(verification.status).toBe('BROKEN');
    expect(csv.split('\r\n')[0]).toBe('seq,at,kind,actor,subject,details,prevHash,hash,check');
    expect(csv).toMatch(/\r\n2,[^\r\n]*,edited\r\n/);
    expect(csv).toContain('verification,BROKEN');
  });

  it('keeps working when main cannot sign, and says so', async () => {
    const failing: HeadSigner = {
      sign: () => Promise.reject(new Error('main is not answering')),
      latest: () => Promise.resolve(null),
      publicKey: () => Promise.reject(new Error('main is not answering')),
    };
    const { s, supervisor } = await busyStation(failing);
    expect(s.opened.records.audit.signingProblem()).toBe('main is not answering');
    const result = await s.opened.records.audit.verify(supervisor);
    expect(result.problems.map((p) => p.kind)).toEqual(['head-missing']);
  });

  it('refuses the audit screens to an officer', async () => {
    const { s } = await busyStation();
    const officer = await s.signIn('officer');
    await expect(s.opened.records.audit.verify(officer)).rejects.toMatchObject({ code: 'refused' });
  });
});
