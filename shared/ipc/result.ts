// The envelope every main-side call returns across IPC (and the web harness's HTTP): errors are
// values with a stable code and a message for people, never a stack trace.

export type ErrorCode =
  | 'INVALID_REQUEST'
  | 'UNKNOWN_CHANNEL'
  | 'FORBIDDEN_SENDER'
  | 'UNREADABLE_INPUT'
  | 'NOT_FOUND'
  | 'REFUSED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

export interface IpcError {
  readonly code: ErrorCode;
  readonly message: string;
}

export type IpcResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IpcError };

export const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): IpcResult<never> => ({ ok: false, error: { code, message } });

/** Unwraps a result on the calling side: a failure becomes an exception carrying its code. */
export class IpcCallError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
    this.name = 'IpcCallError';
  }
}

export function unwrap<T>(result: IpcResult<T>): T {
  if (result.ok) return result.value;
  throw new IpcCallError(result.error.code, result.error.message);
}
