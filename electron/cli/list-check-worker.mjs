// Validates a blocklist's text off the main thread for `mailroom match --blocklist` (see list-engine.ts):
// answers true when the text is a valid list that validation leaves exactly as parsed (same keys in the
// same order, same values), so that an engine built from the parsed text is the validated list's engine.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { parseBlocklist } = await import('../../shared/blocklist/format.ts');

/** Whether two JSON values are the same, key order included (what JSON.stringify would print). */
function same(a, b) {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i] || !same(a[ka[i]], b[kb[i]])) return false;
  return true;
}

let answer = false;
try {
  const raw = JSON.parse(workerData.text);
  const result = parseBlocklist(raw);
  answer = result.ok && same(result.list, raw);
} catch {
  answer = false;
}
parentPort?.postMessage(answer);
