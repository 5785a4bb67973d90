// Failures a caller can act on, with a code the HTTP layer maps to a status. Messages never hold
// victim data: ids, versions and field names only.
export type ServiceErrorCode =
  | 'invalid' // 400
  | 'not-found' // 404
  | 'duplicate' // 409
  | 'edit-conflict' // 412: the entry changed since the editor read it
  | 'already-decided' // 409
  | 'same-handler' // 403: the two-person rule
  | 'forbidden'; // 403

export class ServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

export function httpStatusOf(code: ServiceErrorCode): number {
  switch (code) {
    case 'invalid':
      return 400;
    case 'not-found':
      return 404;
    case 'duplicate':
    case 'already-decided':
      return 409;
    case 'edit-conflict':
      return 412;
    case 'same-handler':
    case 'forbidden':
      return 403;
    default: {
      const never: never = code;
      return never;
    }
  }
}
