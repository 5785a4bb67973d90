import { describe, expect, it } from 'vitest';
import { ed25519 } from '@noble/curves/ed25519.js';
import { chainAuditEvent, hashAuditEvent } from './chain.ts';
import type { AuditDraft, AuditEvent } from './event.ts';
import { createEd25519HeadSigner, HeadRollbackError, memoryHeadStore, type HeadSigner, type SignedAuditHead } from './head.ts';
import { verifyAuditTrail } from './verify.ts';
import { auditTrailCsv } from './csv.ts';

const STATION = 'station-1';

function draft(i: number): AuditDraft {
  return { at: `2026-11-28T10:${String(i).padStart(2, '0')}:00.000Z`, kind: 'scan', actor: 'user-1', subject: `letter-${i}`, details: { sequence: i } };
}

function trail(n: number): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (let i = 1; i <= n; i++) events.push(chainAuditEvent(events.at(-1) ?? null, draft(i)));
  return events;
}

async function signedTrail(n: number): Promise<{ events: AuditEvent[]; signer: HeadSigner; signed: SignedAuditHead }> {
  const signer = createEd25519HeadSigner({ secretKey: ed25519.utils.randomSecretKey(), keyId: 'k1', store: memoryHeadStore() });
  const events = trail(n);
  const last = events.at(-1);
  if (!last) throw new Error('empty');
  const signed = await signer.sign({ station: STATION, seq: last.seq, hash: last.hash, at: last.at });
  return { events, signer, signed };
}

async function check(events: readonly AuditEvent[], signer: HeadSigner, signed: SignedAuditHead | null) {
  return verifyAuditTrail(events, { station: STATION, signed, key: await signer.publicKey() });
}

describe('audit hash chain', () => {
  it('links each event to the one before and starts from the genesis hash', () => {
    const [a, b] = trail(2);
    expect(a?.seq).toBe(1);
    expect(a?.prevHash).toMatch(/^0{64}$/);
    expect(b?.prevHash).toBe(a?.hash);
    expect(hashAuditEvent(b as AuditEvent)).toBe(b?.hash);
  });

  it('verifies an untouched trail with its signed head as VALID', async () => {
    const { events, signer, signed } = await signedTrail(6);
    const result = await check(events, signer, signed);
    expect(result.status).toBe('VALID');
    expect(result.summary).toMatch(/^VALID: 6 event\(s\)/);
  });

  it('names an edited event', async () => {
    const { events, signer, signed } = await signedTrail(6);
    const edited = events.map((e) => (e.seq === 3 ? { ...e, details: { sequence: 99 } } : e));
    const result = await check(edited, signer, signed);
    expect(result.status).toBe('BROKEN');
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'edited', seq: 3 })]);
  });

  it('names an event that was edited and re-hashed by the link that still points to the original', async () => {
    const { events, signer, signed } = await signedTrail(6);
    const forged = events.map((e) => {
      if (e.seq !== 3) return e;
      const changed = { ...e, actor: 'someone-else' };
      return { ...changed, hash: hashAuditEvent(changed) };
    });
    const result = await check(forged, signer, signed);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'relinked', seq: 3 })]);
  });

  it('names two events whose numbers were swapped as reordered', async () => {
    const { events, signer, signed } = await signedTrail(6);
    const swapped = events.map((e) => (e.seq === 3 ? { ...e, seq: 4 } : e.seq === 4 ? { ...e, seq: 3 } : e)).sort((a, b) => a.seq - b.seq);
    const result = await check(swapped, signer, signed);
    expect(result.status).toBe('BROKEN');
    expect(result.problems.map((p) => [p.kind, p.seq])).toEqual([
      ['reordered', 3],
      ['reordered', 4],
    ]);
    expect(result.problems[0]?.message).toContain('written as event #4');
  });

  it('names an event stored out of order', async () => {
    const { events, signer, signed } = await signedTrail(5);
    const [e1, e2, e3, e4, e5] = events as [AuditEvent, AuditEvent, AuditEvent, AuditEvent, AuditEvent];
    const result = await check([e1, e2, e4, e3, e5], signer, signed);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'reordered', seq: 3 })]);
  });

  it('names a deleted event in the middle', async () => {
    const { events, signer, signed } = await signedTrail(6);
    const result = await check(events.filter((e) => e.seq !== 4), signer, signed);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'deleted', seq: 4, message: 'event #4 was deleted' })]);
  });

  it('names the deleted last event through the signed head', async () => {
    const { events, signer, signed } = await signedTrail(6);
    const result = await check(events.slice(0, 5), signer, signed);
    expect(result.status).toBe('BROKEN');
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'deleted', seq: 6 })]);
    expect(result.problems[0]?.message).toContain('signed head covers #6');
  });

  it('detects a chain rewritten to the end through the signed head', async () => {
    const { events, signer, signed } = await signedTrail(4);
    const rewritten: AuditEvent[] = [];
    for (const e of events) rewritten.push(chainAuditEvent(rewritten.at(-1) ?? null, e.seq === 2 ? { ...e, actor: 'x' } : e));
    const result = await check(rewritten, signer, signed);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'head-mismatch', seq: 4 })]);
  });

  it('detects removed first events with the rest renumbered', async () => {
    const { signer } = await signedTrail(1);
    const events = trail(4).slice(1);
    const result = await check(events, signer, null);
    expect(result.problems.map((p) => p.kind)).toContain('deleted');
    expect(result.problems.map((p) => p.kind)).toContain('head-missing');
  });

  it('refuses a head signed with another key or for another station', async () => {
    const { events, signed } = await signedTrail(3);
    const other = createEd25519HeadSigner({ secretKey: ed25519.utils.randomSecretKey(), keyId: 'k1', store: memoryHeadStore() });
    expect((await check(events, other, signed)).problems[0]?.kind).toBe('head-signature');
    const forged = { ...signed, head: { ...signed.head, seq: 2 } };
    expect((await check(events, other, forged)).problems[0]?.kind).toBe('head-signature');
  });

  it('reports events newer than the signed head without calling the trail broken', async () => {
    const { events, signer, signed } = await signedTrail(3);
    const more = [...events, chainAuditEvent(events.at(-1) ?? null, draft(4))];
    const result = await check(more, signer, signed);
    expect(result.status).toBe('VALID');
    expect(result.unsignedTail).toBe(1);
  });
});

describe('head signer', () => {
  it('refuses to sign a head that goes backwards', async () => {
    const { events, signer } = await signedTrail(3);
    const first = events[1] as AuditEvent;
    await expect(signer.sign({ station: STATION, seq: first.seq, hash: first.hash, at: first.at })).rejects.toBeInstanceOf(HeadRollbackError);
    await expect(signer.sign({ station: STATION, seq: 3, hash: 'f'.repeat(64), at: first.at })).rejects.toBeInstanceOf(HeadRollbackError);
  });
});

describe('audit CSV export', () => {
  it('carries each event with its check and the verification result', async () => {
    const { events, signer, signed } = await signedTrail(3);
    const edited = events.map((e) => (e.seq === 2 ? { ...e, subject: '=HYPERLINK("x")' } : e));
    const result = await check(edited, signer, signed);
    const csv = auditTrailCsv(edited, result, '2026-11-28T12:00:00.000Z');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('seq,at,kind,actor,subject,details,prevHash,hash,check');
    expect(lines[2]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines[2]?.endsWith(',edited')).toBe(true);
    expect(csv).toContain('verification,BROKEN');
  });
});
