// Validates a blocklist's text off the main thread for `mailroom match --blocklist` (see list-engine.ts):
// answers true when the text is a valid list that validation leaves exactly as written (as JSON), so that
// an engine built from the text as parsed is the engine of the validated list; false otherwise.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { parseBlocklistText } = await import('../../shared/blocklist/format.ts');
const text = workerData.text;
const result = parseBlocklistText(text);
parentPort?.postMessage(result.ok && JSON.stringify(result.list) === JSON.stringify(JSON.parse(text)));
