// Envelope images for the end-to-end tests, rendered once per file into a temporary folder.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderEnvelope, type EnvelopeSpec } from '../../fixtures/envelopes.ts';

const FROM = ['From: A7654ZX R. Jones', 'HMP Leeds, 2 Gloucester Terrace', 'Leeds LS12 2TJ'];

/** Envelopes to demo-blocklist addresses (block references in the comments) and to unlisted ones. */
export const ENVELOPES = {
  /** UPC-100231 (Jane Smith, LS6 2AB) */
  blockedAcacia: { addressee: ['Ms J. Smith', 'Flat 2, 14 Acacia Road', 'Leeds', 'LS6 2AB'], returnAddress: FROM, seed: 11 },
  /** UPC-100236 (Priya Raman, NG1 7EH) */
  blockedCanal: { addressee: ['Ms Priya Raman', 'Apartment 9, Wharf House', '1 Canal Street', 'Nottingham', 'NG1 7EH'], returnAddress: FROM, seed: 21 },
  unlistedBeech: { addressee: ['Mr Tom Hughes', '31 Beech Grove', 'Harrogate', 'HG2 0ET'], returnAddress: FROM, seed: 12 },
  unlistedElm: { addressee: ['Mrs Ann Baker', '7 Elm Close', 'York', 'YO24 1AB'], returnAddress: FROM, seed: 13 },
  /** Too blurred to read: the officer checks it by hand (it is to LS6 2AB, number 14). */
  unreadableAcacia: { addressee: ['Ms J. Smith', 'Flat 2, 14 Acacia Road', 'Leeds', 'LS6 2AB'], blur: 5, noise: 0.5, quality: 30, seed: 4 },
} satisfies Record<string, EnvelopeSpec>;

export type EnvelopeName = keyof typeof ENVELOPES;

export async function renderEnvelopes(...names: EnvelopeName[]): Promise<Record<EnvelopeName, string>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mailroom-e2e-'));
  const files = {} as Record<EnvelopeName, string>;
  for (const name of names) {
    const file = path.join(dir, `${name}.jpg`);
    await writeFile(file, await renderEnvelope(ENVELOPES[name]));
    files[name] = file;
  }
  return files;
}
