// PGlite in a thread of its own. A PGlite query runs in WebAssembly and holds its thread until it is
// done, so on the service's own thread every poll would wait behind a write or a sweep. Here the HTTP
// event loop only posts messages. Protocol: { id, sql, params } → { id, rows } | { id, error };
// { id, close: true } closes the database. Requests come one at a time (database.ts queues them).
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

/** Errors cross threads as plain data: the SQLSTATE `code` is what callers act on. */
function plainError(e) {
  const error = e instanceof Error ? e : new Error(String(e));
  const out = { name: error.name, message: error.message };
  for (const key of ['code', 'detail', 'constraint', 'table', 'column', 'severity']) {
    if (typeof error[key] === 'string') out[key] = error[key];
  }
  return out;
}

let db;
try {
  db = workerData.dataDir ? new PGlite(workerData.dataDir) : new PGlite();
  await db.waitReady;
  parentPort.postMessage({ ready: true });
} catch (e) {
  parentPort.postMessage({ ready: false, error: plainError(e) });
}

parentPort.on('message', async (request) => {
  try {
    if (request.close) {
      await db.close();
      parentPort.postMessage({ id: request.id, rows: [] });
      parentPort.close();
      return;
    }
    const result = await db.query(request.sql, request.params);
    parentPort.postMessage({ id: request.id, rows: result.rows });
  } catch (e) {
    parentPort.postMessage({ id: request.id, error: plainError(e) });
  }
});
