import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from './base64.ts';
import { canonicalJson, keyIdOf } from './canonical.ts';
import { digestEntries } from './digest.ts';
import { announceKey, nobleEd25519Check, signPage, verifySignedPage, verifySignedPageText, type Signer, type UnsignedPayload } from './signing.ts';
import type { FeedEntry } from './feed.ts';

function signer(seedByte: number): Signer & { publicKey: Uint8Array } {
  const secret = new Uint8Array(32).fill(seedByte);
  const publicKey = ed25519.getPublicKey(secret);
  return { keyId: keyIdOf(publicKey), publicKey, sign: (m) => ed25519.sign(m, secret) };
}

const entry = (id: string): FeedEntry => ({
  id, names: ['Jane Smith'], addresses: [], phones: [], emails: [], scope: { kind: 'all-prisoners' }, validFrom: null, validUntil: null,
});

const page = (serverTime = '2026-11-28T10:00:00.000Z', expiresAt = '2026-11-28T11:00:00.000Z'): UnsignedPayload => ({
  kind: 'changes', since: 0, through: 1, head: 1, hasMore: false, serverTime, expiresAt, changes: [{ op: 'upsert', version: 1, entry: entry('A-1') }],
});

describe('signed feed pages', () => {
  const first = signer(1);
  const pinned = bytesToBase64(first.publicKey);

  it('verifies a page signed by the pinned key, whatever the key order on the wire', () => {
    const signed = signPage(page(), first);
    const reordered = JSON.parse(JSON.stringify({ signature: signed.signature, keyId: signed.keyId, payload: Object.fromEntries(Object.entries(signed.payload).reverse()) }));
    const result = verifySignedPage(reordered, pinned, { now: new Date('2026-11-28T10:30:00Z') });
    expect(result.ok && result.page.kind).toBe('changes');
  });

  it('refuses a tampered page, a page from another key, a malformed one and an expired one', () => {
    const signed = signPage(page(), first);
    const tampered = structuredClone(signed) as unknown as { payload: { head: number } };
    tampered.payload.head = 2;
    expect(verifySignedPage(tampered, pinned)).toMatchObject({ ok: false, error: { code: 'bad-signature' } });
    expect(verifySignedPage(signPage(page(), signer(2)), pinned)).toMatchObject({ ok: false, error: { code: 'unknown-key' } });
    expect(verifySignedPage({ hello: 'world' }, pinned)).toMatchObject({ ok: false, error: { code: 'malformed' } });
    expect(verifySignedPage(signed, pinned, { now: new Date('2026-11-28T11:00:01Z') })).toMatchObject({ ok: false, error: { code: 'expired' } });
    expect(verifySignedPage(signed, 'not a key')).toMatchObject({ ok: false, error: { code: 'bad-pinned-key' } });
  });

  it('refuses a validly signed payload that is not a feed page', () => {
    const bogus = signPage({ ...page(), kind: 'snapshot' } as never, first);
    expect(verifySignedPage(bogus, pinned)).toMatchObject({ ok: false, error: { code: 'malformed' } });
  });

  it('follows key rotations announced by the pinned key, and only those', () => {
    const second = signer(2);
    const third = signer(3);
    const chain = [announceKey(second.publicKey, first, new Date()), announceKey(third.publicKey, second, new Date())];
    const signed = signPage(page(), third, chain);
    const result = verifySignedPage(signed, pinned);
    expect(result.ok && [...result.trustedKeys.keys()]).toEqual([first.keyId, second.keyId, third.keyId]);

    const forged = [announceKey(third.publicKey, signer(9), new Date())];
    expect(verifySignedPage(signPage(page(), third, forged), pinned)).toMatchObject({ ok: false, error: { code: 'unknown-key' } });

    const broken = structuredClone(chain);
    broken[0]!.statement.announcedAt = '2020-01-01T00:00:00.000Z';
    expect(verifySignedPage(signPage(page(), third, broken), pinned)).toMatchObject({ ok: false, error: { code: 'bad-key-chain' } });
  });
});

describe('verifying a page body as received', () => {
  const first = signer(1);
  const pinned = bytesToBase64(first.publicKey);
  const at = { now: new Date('2026-11-28T10:30:00Z') };
  /** The body as the service sends it: the envelope in canonical form, payload text as signed. */
  const body = (payloadText: string, by = first): string =>
    `{"keyChain":[],"keyId":${JSON.stringify(by.keyId)},"payload":${payloadText},"signature":"${bytesToBase64(by.sign(new TextEncoder().encode(payloadText)))}"}`;
  const payloadOf = (p: UnsignedPayload) => ({ ...p, format: 'mailroom-feed/v1', keyId: first.keyId });

  it('accepts the service\'s canonical body, with the same answer as verifying the parsed envelope', async () => {
    const text = canonicalJson(signPage(page(), first));
    const fromText = await verifySignedPageText(text, pinned, at);
    expect(fromText.ok && fromText.page).toEqual(verifySignedPage(JSON.parse(text), pinned, at).ok && (verifySignedPage(JSON.parse(text), pinned, at) as { page: unknown }).page);
    expect(fromText.ok && fromText.page.kind).toBe('changes');
  });

  it('still accepts a body re-encoded on the way (whitespace, key order), by canonicalising it', async () => {
    const signed = signPage(page(), first);
    const spaced = JSON.stringify({ signature: signed.signature, payload: Object.fromEntries(Object.entries(signed.payload).reverse()), keyId: signed.keyId }, null, 2);
    expect(await verifySignedPageText(spaced, pinned, at)).toMatchObject({ ok: true });
  });

  it('refuses a page whose signature covers a non-canonical encoding of its payload', async () => {
    const canonical = canonicalJson(payloadOf(page()));
    const unsorted = JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(canonical) as object).reverse()));
    const spaced = JSON.stringify(JSON.parse(canonical), null, 1);
    const escaped = canonical.replace('Jane', '\\u004aane');
    for (const payloadText of [unsorted, spaced, escaped]) {
      expect(payloadText).not.toBe(canonical);
      expect(await verifySignedPageText(body(payloadText), pinned, at)).toMatchObject({ ok: false, error: { code: 'bad-signature' } });
      expect(verifySignedPage(JSON.parse(body(payloadText)), pinned, at)).toMatchObject({ ok: false, error: { code: 'bad-signature' } });
    }
    expect(await verifySignedPageText(body(canonical), pinned, at)).toMatchObject({ ok: true });
  });

  it('refuses a body changed by one byte after signing, and never returns a payload the signature does not cover', async () => {
    const canonical = canonicalJson(payloadOf(page()));
    const good = body(canonical);
    expect(await verifySignedPageText(good.replace('Jane Smith', 'Jane Smyth'), pinned, at)).toMatchObject({ ok: false, error: { code: 'bad-signature' } });
    // JSON keeps the last of a key given twice: what is returned must be what the signature covers.
    const smuggled = good.replace(',"signature":', `,"payload":${canonical.replace('Jane Smith', 'Jane Smyth')},"signature":`);
    expect(await verifySignedPageText(smuggled, pinned, at)).toMatchObject({ ok: false, error: { code: 'bad-signature' } });
    const shadowed = await verifySignedPageText(good.replace('"payload":', `"payload":${canonical.replace('Jane Smith', 'Jane Smyth')},"payload":`), pinned, at);
    expect(shadowed.ok && shadowed.page.kind === 'changes' && shadowed.page.changes[0]?.op === 'upsert' && shadowed.page.changes[0].entry.names).toEqual(['Jane Smith']);
    expect(await verifySignedPageText(good.slice(0, -1), pinned, at)).toMatchObject({ ok: false, error: { code: 'malformed' } });
  });

  it('refuses a signed page carrying a lone surrogate as malformed, never throwing', async () => {
    const lone = { ...page(), changes: [{ op: 'upsert', version: 1, entry: { ...entry('A-1'), names: ['Jane \ud800 Smith'] } }] } as UnsignedPayload;
    const payloadText = JSON.stringify(JSON.parse(canonicalJson(payloadOf(page()))), null, 0).replace('Jane Smith', 'Jane \\ud800 Smith');
    const text = body(payloadText);
    expect(await verifySignedPageText(text, pinned, at)).toMatchObject({ ok: false, error: { code: 'malformed' } });
    expect(verifySignedPage(JSON.parse(text), pinned, at)).toMatchObject({ ok: false, error: { code: 'malformed' } });
    expect(() => signPage(lone, first)).toThrow();
  });

  it('checks the signature with the platform\'s Ed25519 when given one, and refuses when it says no', async () => {
    const text = canonicalJson(signPage(page(), first));
    const seen: number[] = [];
    const native = async (c: Parameters<typeof nobleEd25519Check>[0]) => {
      seen.push(c.message.length);
      return nobleEd25519Check(c);
    };
    expect(await verifySignedPageText(text, pinned, at, native)).toMatchObject({ ok: true });
    expect(seen).toEqual([new TextEncoder().encode(canonicalJson(signPage(page(), first).payload)).length]);
    expect(await verifySignedPageText(text, pinned, at, () => false)).toMatchObject({ ok: false, error: { code: 'bad-signature' } });
    expect(await verifySignedPageText(text, pinned, at, () => Promise.reject(new Error('no')))).toMatchObject({ ok: false, error: { code: 'bad-signature' } });
  });
});

describe('list digest and encodings', () => {
  it('digests a list the same in any order, and differently when an entry changes', () => {
    const a = [entry('B'), entry('A'), entry('C')];
    expect(digestEntries(a)).toBe(digestEntries([...a].reverse()));
    expect(digestEntries(a)).not.toBe(digestEntries([entry('A'), entry('B'), { ...entry('C'), names: ['Other'] }]));
    expect(digestEntries([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('canonicalises JSON by RFC 8785', () => {
    expect(canonicalJson({ b: [1, 'x'], a: { d: null, c: true } })).toBe('{"a":{"c":true,"d":null},"b":[1,"x"]}');
  });

  it('round-trips base64 and refuses anything not strictly base64', () => {
    for (const n of [0, 1, 2, 3, 31, 32, 64]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 255);
      expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
    }
    expect(bytesToBase64(new TextEncoder().encode('mailroom'))).toBe('bWFpbHJvb20=');
    for (const bad of ['bWFpbHJvb20', 'bWFp bHJvb20=', 'bWFpbHJvb21=', '====', 'bW=pbHJvb20=']) expect(base64ToBytes(bad)).toBeNull();
  });
});
