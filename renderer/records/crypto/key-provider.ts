// The port through which the records layer gets its data key. The app's main process implements
// it with Electron safeStorage (DPAPI / keychain); the web harness supplies its own key.

/** What a KeyProvider answers: a 32-byte data key, or a refusal in words. */
export type DataKeyGrant =
  | {
      readonly available: true;
      /** Names the key (not secret), so that data sealed under another key is recognised. */
      readonly keyId: string;
      /** 32 random bytes. The layer imports them as non-extractable keys and wipes this array. */
      readonly material: Uint8Array;
    }
  | {
      readonly available: false;
      /**
       * Why victim data may not be stored, for the screen: e.g. safeStorage's backend is
       * `basic_text` (no keyring) and no administrator key file is configured.
       */
      readonly reason: string;
    };

export interface KeyProvider {
  dataKey(): Promise<DataKeyGrant>;
}

/** A KeyProvider over fixed material: for tests and for a harness that keeps its key elsewhere. */
export function fixedKeyProvider(material: Uint8Array, keyId = 'fixed'): KeyProvider {
  return { dataKey: () => Promise.resolve({ available: true, keyId, material: material.slice() }) };
}

export function refusingKeyProvider(reason: string): KeyProvider {
  return { dataKey: () => Promise.resolve({ available: false, reason }) };
}
