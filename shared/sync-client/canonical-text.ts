// RFC 8785 text of data that came out of JSON.parse and a verified page: byte for byte what
// shared/sync's canonicalJson gives, without the per-character and cycle checks that verification
// already made. Digesting 100,000 entries is the hot loop of a first sync; this halves it.
export function canonicalText(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const item: unknown = value[i];
      out += canonicalText(item === undefined ? null : item);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined || typeof item === 'symbol' || typeof item === 'function') continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalText(item)}`;
    first = false;
  }
  return `${out}}`;
}
