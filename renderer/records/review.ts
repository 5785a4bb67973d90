// The supervisor's side: the queue of stopped letters, a letter's full page (victim details,
// audited), and decisions with a mandatory reason.
import { z } from 'zod';
import type { BlockEntry } from '../../shared/blocklist/format.ts';
import type { RememberedRelease, ScreeningResult, Verdict } from '../../shared/screening/types.ts';
import { newId, requireAccess, requireAction, requireSealer, type RecordsContext } from './context.ts';
import { RecordsError, describeIssues } from './errors.ts';
import { prepareOutbox } from './outbox.ts';
import { letterSummary, type EnvelopeImage, type LetterReading, type LetterSummary } from './letter-views.ts';
import { openImage, openReading, openResult } from './letters.ts';
import { readEntries } from './block-buckets.ts';
import { DECISION_KINDS, type DecisionKind, type DecisionRow, type LetterState, type ReleaseRow } from './db/rows.ts';
import type { Session } from './accounts/sessions.ts';

export interface ReviewFilter {
  /** Local day, YYYY-MM-DD. */
  readonly day?: string;
  readonly verdict?: Exclude<Verdict, 'CLEAR'>;
  readonly officerId?: string;
}

export interface ReviewQueue {
  /** Oldest first. */
  readonly items: readonly LetterSummary[];
  readonly counts: { readonly total: number; readonly HOLD: number; readonly REVIEW: number; readonly alreadyDispatched: number };
}

export interface DecisionView {
  readonly id: string;
  readonly letterId: string;
  readonly kind: DecisionKind;
  readonly decidedAt: string;
  readonly supervisorId: string;
  readonly referredTo: 'case-handler' | 'police' | null;
  readonly reason: string;
  readonly reference: string | null;
}

/** A decision without its free text: for reports. */
export type DecisionSummary = Omit<DecisionView, 'reason' | 'reference'>;

/** Everything a supervisor needs to decide; fetched by an audited call, never live. */
export interface ReviewLetterView extends LetterSummary {
  readonly reading: LetterReading;
  readonly image: EnvelopeImage | null;
  readonly result: ScreeningResult;
  /** The matched block entries (victim details). A reference no longer on the list is absent. */
  readonly entries: readonly BlockEntry[];
  readonly decisions: readonly DecisionView[];
  /** Earlier letters to the same postcode and house number, newest first. */
  readonly earlier: readonly LetterSummary[];
}

export const decisionInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('confirm-hold'),
    reason: z.string().trim().min(5).max(2000),
    referral: z.object({ to: z.enum(['case-handler', 'police']), reference: z.string().trim().min(1).max(100) }).optional(),
  }),
  z.object({
    kind: z.literal('release'),
    reason: z.string().trim().min(5).max(2000),
    /** Fingerprints from the screening engine: this addressee stops matching these entries. */
    remember: z
      .array(z.object({ entryId: z.string().min(1), entryFingerprint: z.string().min(1), addresseeFingerprint: z.string().min(1) }))
      .default([]),
  }),
  z.object({ kind: z.literal('return-to-officer'), reason: z.string().trim().min(5).max(2000) }),
]);
export type DecisionInput = z.input<typeof decisionInputSchema>;

const DECIDABLE: readonly LetterState[] = ['held', 'awaiting-review'];
const STATE_AFTER: Readonly<Record<DecisionKind, LetterState>> = { 'confirm-hold': 'withheld', release: 'released', 'return-to-officer': 'rescan' };
const decisionContext = (id: string) => `decisions/${id}`;
const releaseContext = (id: string) => `releases/${id}`;

export interface ReviewRecords {
  /** HOLD and REVIEW letters waiting for a supervisor, oldest first, with counts (liveQuery-friendly). */
  queue(session: Session, filter?: ReviewFilter): Promise<ReviewQueue>;
  /** The letter's page with victim details: supervisors only; audited as a victim-details view. */
  openLetter(session: Session, letterId: string): Promise<ReviewLetterView>;
  /** Records a decision (the reason is mandatory) and moves the letter on. */
  decide(session: Session, letterId: string, input: DecisionInput): Promise<DecisionSummary>;
  /** Decisions made in [from, to), without their free text, for reports (liveQuery-friendly). */
  decisionsBetween(session: Session, fromIso: string, toIso: string): Promise<DecisionSummary[]>;
}

export function createReviewRecords(ctx: RecordsContext): ReviewRecords {
  const { db, audit } = ctx;

  const summaryOf = (d: DecisionRow): DecisionSummary => ({
    id: d.id,
    letterId: d.letterId,
    kind: d.kind,
    decidedAt: d.decidedAt,
    supervisorId: d.supervisorId,
    referredTo: d.referredTo,
  });

  return {
    async queue(session, filter = {}) {
      requireAccess(ctx, session, 'review');
      const rows = filter.day
        ? await db.letters.where('[day+state]').anyOf(DECIDABLE.map((s) => [filter.day ?? '', s])).toArray()
        : await db.letters.where('state').anyOf([...DECIDABLE]).toArray();
      const items = rows
        .filter((r) => (!filter.verdict || r.verdict === filter.verdict) && (!filter.officerId || r.officerId === filter.officerId))
        .sort((a, b) => a.scannedAt.localeCompare(b.scannedAt) || a.sequence - b.sequence)
        .map(letterSummary);
      return {
        items,
        counts: {
          total: items.length,
          HOLD: items.filter((i) => i.verdict === 'HOLD').length,
          REVIEW: items.filter((i) => i.verdict === 'REVIEW').length,
          alreadyDispatched: items.filter((i) => i.alreadyDispatched).length,
        },
      };
    },

    async openLetter(session, letterId) {
      const supervisor = requireAction(ctx, session, 'view-victim-details');
      const sealer = requireSealer(ctx);
      const row = await db.letters.get(letterId);
      if (!row) throw new RecordsError('not-found', `no letter ${letterId}`);
      const entries = await readEntries(db, sealer, row.entryRefs);
      const decisions = await db.decisions.where('letterId').equals(letterId).sortBy('decidedAt');
      const earlierRows = row.addressTags.length
        ? (await db.letters.where('addressTags').anyOf(row.addressTags).distinct().toArray()).filter((r) => r.id !== row.id)
        : [];
      const view: ReviewLetterView = {
        ...letterSummary(row),
        reading: await openReading(sealer, row),
        image: await openImage(sealer, row),
        result: await openResult(sealer, row),
        entries,
        decisions: await Promise.all(
          decisions.map(async (d) => {
            const text = (await sealer.openJson(d.sealed, decisionContext(d.id))) as { reason: string; reference: string | null };
            return { ...summaryOf(d), reason: text.reason, reference: text.reference };
          }),
        ),
        earlier: earlierRows.sort((a, b) => b.scannedAt.localeCompare(a.scannedAt)).map(letterSummary),
      };
      await audit.record(
        audit.draft('victim-view', supervisor.userId, letterId, { sequence: row.sequence, entryRefs: row.entryRefs.join(' '), entriesShown: view.entries.length }),
      );
      return view;
    },

    async decide(session, letterId, input) {
      const supervisor = requireAction(ctx, session, 'decide');
      const sealer = requireSealer(ctx);
      const parsed = decisionInputSchema.safeParse(input);
      if (!parsed.success) throw new RecordsError('invalid', `decision: ${describeIssues(parsed.error.issues)}`);
      const decision = parsed.data;
      const letter = await db.letters.get(letterId);
      if (!letter) throw new RecordsError('not-found', `no letter ${letterId}`);
      const at = ctx.clock().toISOString();
      const id = newId();
      const referral = decision.kind === 'confirm-hold' ? (decision.referral ?? null) : null;
      const row: DecisionRow = {
        id,
        letterId,
        decidedAt: at,
        supervisorId: supervisor.userId,
        kind: decision.kind,
        referredTo: referral?.to ?? null,
        sealed: await sealer.sealJson({ reason: decision.reason, reference: referral?.reference ?? null }, decisionContext(id)),
      };
      const remember: readonly RememberedRelease[] = decision.kind === 'release' ? decision.remember : [];
      const releases: ReleaseRow[] = await Promise.all(
        remember.map(async (r) => {
          const rid = newId();
          return { id: rid, entryId: r.entryId, decisionId: id, createdAt: at, createdBy: supervisor.userId, revokedAt: null, sealed: await sealer.sealJson(r, releaseContext(rid)) };
        }),
      );
      const outbox =
        decision.kind === 'return-to-officer'
          ? null // a step inside the mailroom: the letter comes back as a new scan
          : await prepareOutbox(
              sealer,
              {
                id,
                at,
                type: 'decision',
                letterId,
                decision: decision.kind === 'release' ? 'released' : referral ? 'referred' : 'withheld',
                decidedBy: supervisor.userId,
                entryIds: letter.entryRefs.slice(0, 50),
              },
              ctx.clock(),
            );
      await db.transaction('rw', [db.letters, db.decisions, db.releases, db.audit, db.outbox], async () => {
        const current = await db.letters.get(letterId);
        if (!current || !DECIDABLE.includes(current.state)) {
          throw new RecordsError('conflict', `letter ${letter.sequence} is not waiting for a decision (it is ${current?.state ?? 'gone'})`);
        }
        await db.decisions.add(row);
        if (releases.length) await db.releases.bulkAdd(releases);
        await db.letters.update(letterId, { state: STATE_AFTER[decision.kind], updatedAt: at });
        if (outbox) await db.outbox.add(outbox);
        await audit.append(
          audit.draft('decision', supervisor.userId, letterId, {
            decisionId: id,
            kind: decision.kind,
            sequence: letter.sequence,
            verdict: letter.verdict,
            referredTo: referral?.to ?? null,
            remembered: releases.length,
          }),
        );
      });
      await audit.signHead();
      return summaryOf(row);
    },

    async decisionsBetween(session, fromIso, toIso) {
      requireAccess(ctx, session, 'view-reports');
      return (await db.decisions.where('decidedAt').between(fromIso, toIso, true, false).toArray()).map(summaryOf);
    },
  };
}

export { DECISION_KINDS };
