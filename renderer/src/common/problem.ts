// An error as words for the screen: the records layer's and the contract's messages are written
// for people and carry no victim data; anything else gets a plain fallback.
import { IpcCallError } from '../../../shared/ipc/result.ts';
import { isRecordsError } from '../../records/index.ts';

export function problemText(e: unknown, fallback = 'something went wrong'): string {
  if (isRecordsError(e) || e instanceof IpcCallError) return e.message;
  return fallback;
}
