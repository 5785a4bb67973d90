import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../sync/index.ts';
import { canonicalText } from './canonical-text.ts';

describe('canonical text for digesting', () => {
  it('gives the same bytes as the protocol canonical JSON for JSON data', () => {
    const values: unknown[] = [
      { id: 'UPC-1', names: ['Zoë Ångström', '東京 太郎', 'emoji 😀', 'quote " back \\ slash', 'ctl \u0001\u001f'], addresses: [{ lines: [], postcode: 'LS6 2AB' }], phones: [], emails: [], scope: { kind: 'all-prisoners' } },
      { b: 1, a: [1.5, -0, 1e21, 1e-7, 123456789012345680000, 0.1 + 0.2], 'é': null, A: true, _: false, '\u00ea': 'x', 'e\u0301': 'y', '😀': 'z', '\uff61': 'w' },
      [[], {}, [null, 'x'], { z: { y: { x: [] } } }],
      'plain',
      42,
      null,
    ];
    for (const v of values) expect(canonicalText(v)).toBe(canonicalJson(v));
    const parsed: unknown = JSON.parse(JSON.stringify(values));
    expect(canonicalText(parsed)).toBe(canonicalJson(parsed));
  });

  it('skips undefined members as the protocol encoding does', () => {
    expect(canonicalText({ a: undefined, b: [undefined] })).toBe(canonicalJson({ a: undefined, b: [undefined] }));
  });
});
