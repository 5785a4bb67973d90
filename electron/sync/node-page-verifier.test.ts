import { describe, expect, it } from 'vitest';
import { announceKey, canonicalJson, signPage, verifySignedPage, type UnsignedPayload } from '../../shared/sync/index.ts';
import { createFakeKey, sampleEntry } from '../../shared/sync-client/testing/fake-feed.ts';
import { createNodePageVerifier } from './node-page-verifier.ts';

const page = (names = ['Jane Smith']): UnsignedPayload => ({
  kind: 'changes', since: 0, through: 1, head: 1, hasMore: false,
  serverTime: '2026-11-28T10:00:00.000Z', expiresAt: '2099-11-28T11:00:00.000Z',
  changes: [{ op: 'upsert', version: 1, entry: { ...sampleEntry('A-1'), names } }],
});

describe('page verification with Node\'s Ed25519', () => {
  const first = createFakeKey();
  const second = createFakeKey();
  const verifier = createNodePageVerifier();

  it('answers exactly as the shared verifier does, page by page', async () => {
    const good = canonicalJson(signPage(page(), first));
    const payloadText = canonicalJson({ ...page(), format: 'mailroom-feed/v1', keyId: first.keyId });
    const bodies: Record<string, string> = {
      'as the service sends it': good,
      'spaced out': JSON.stringify(JSON.parse(good), null, 2),
      'tampered': good.replace('Jane Smith', 'Jane Smyth'),
      'signed by another key': canonicalJson(signPage(page(), second)),
      'signed by an announced key': canonicalJson(signPage(page(), second, [announceKey(second.publicKey, first, new Date())])),
      'not JSON': good.slice(0, -2),
      'a lone surrogate': good.replace('Jane Smith', 'Jane \\ud800 Smith'),
      'signature over a non-canonical payload': good.replace(
        /"signature":"[^"]*"/,
        `"signature":"${Buffer.from(first.sign(new TextEncoder().encode(JSON.stringify(JSON.parse(payloadText), null, 1)))).toString('base64')}"`,
      ),
      'a signature of the wrong length': good.replace(/"signature":"[^"]*"/, '"signature":"AAAA"'),
    };
    const answers: Record<string, unknown> = {};
    for (const [name, text] of Object.entries(bodies)) {
      const fast = await verifier.verifyText(text, first.serverKey);
      let reference;
      try {
        reference = verifySignedPage(JSON.parse(text), first.serverKey);
      } catch {
        reference = { ok: false, error: { code: 'malformed' } };
      }
      expect(fast.ok ? 'ok' : fast.error.code, name).toBe(reference.ok ? 'ok' : reference.error.code);
      if (fast.ok && reference.ok) expect(fast.page, name).toEqual(reference.page);
      answers[name] = fast.ok ? 'ok' : fast.error.code;
    }
    expect(answers).toEqual({
      'as the service sends it': 'ok',
      'spaced out': 'ok',
      'tampered': 'bad-signature',
      'signed by another key': 'unknown-key',
      'signed by an announced key': 'ok',
      'not JSON': 'malformed',
      'a lone surrogate': 'malformed',
      'signature over a non-canonical payload': 'bad-signature',
      'a signature of the wrong length': 'bad-signature',
    });
  });
});
