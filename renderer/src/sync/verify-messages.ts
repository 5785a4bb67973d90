// Messages between the sync controller and its page-verifying worker.
import type { VerifyResult } from '../../../shared/sync/index.ts';

export interface VerifyRequest {
  readonly id: number;
  readonly text: string;
  readonly key: string;
}

export interface VerifyResponse {
  readonly id: number;
  readonly result: VerifyResult;
}
