// The records layer's two ports implemented over main: the data key (main keeps it sealed by the
// OS key store) and the audit-head signer (main keeps the signing key). Neither key lives here.
import type { HeadSigner, KeyProvider } from '../../records/index.ts';
import { mailroom } from '../platform/bridge.ts';

export const mainKeyProvider: KeyProvider = {
  dataKey: () => mailroom().keys.dataKey(),
};

export const mainHeadSigner: HeadSigner = {
  sign: (head) => mailroom().audit.signHead(head),
  latest: () => mailroom().audit.latestHead(),
  publicKey: () => mailroom().audit.publicKey(),
};
