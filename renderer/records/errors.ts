// The one error the records layer throws. Messages name records, fields and rules, never the
// value of a victim field (names, addresses, read text): they may reach a screen or a log.

export type RecordsErrorCode =
  | 'not-signed-in'
  | 'session-expired'
  | 'refused'
  | 'bad-credentials'
  | 'locked'
  | 'invalid'
  | 'not-found'
  | 'conflict'
  | 'storage-refused'
  | 'key-mismatch'
  | 'unreadable';

export class RecordsError extends Error {
  constructor(
    readonly code: RecordsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RecordsError';
  }
}

export const isRecordsError = (e: unknown, code?: RecordsErrorCode): e is RecordsError =>
  e instanceof RecordsError && (code === undefined || e.code === code);

/** zod issues as words without values: "reason: too short", "referral.reference: required". */
export function describeIssues(issues: readonly { readonly path: readonly PropertyKey[]; readonly code: string }[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(input)'}: ${i.code.replace(/_/g, ' ')}`)
    .join('; ');
}
