/**
 * Worker-thread host for embedded PGlite. The main thread never runs PostgreSQL's WASM: it posts
 * queries here, so a heavy report cannot stall the CTI event loop (ARCHITECTURE §6).
 * Protocol: { id, op: 'query', sql, params } | { id, op: 'close' } → { id, ok, rows?, affected?, error? }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

interface Req {
  id: number;
  op: 'query' | 'close';
  sql?: string;
  params?: unknown[];
}

const { dataDir } = workerData as { dataDir: string | null };
const port = parentPort;
if (!port) throw new Error('pglite-worker must run in a worker thread');

const db = dataDir ? new PGlite(dataDir, { extensions: { pg_trgm } }) : new PGlite({ extensions: { pg_trgm } });

port.on('message', async (req: Req) => {
  if (req.op === 'close') {
    try {
      await db.close();
      port.postMessage({ id: req.id, ok: true });
    } catch (e) {
      port.postMessage({ id: req.id, ok: false, error: serializeError(e) });
    }
    return;
  }
  try {
    const params = req.params ?? [];
    if (params.length === 0) {
      // No parameters: simple protocol, so a script of several statements (a migration) runs too.
      const results = await db.exec(req.sql ?? '');
      const last = results[results.length - 1];
      port.postMessage({ id: req.id, ok: true, rows: last?.rows ?? [], affected: last?.affectedRows ?? 0 });
      return;
    }
    const res = await db.query(req.sql ?? '', params, { rowMode: 'object' });
    port.postMessage({ id: req.id, ok: true, rows: res.rows, affected: res.affectedRows ?? 0 });
  } catch (e) {
    port.postMessage({ id: req.id, ok: false, error: serializeError(e) });
  }
});

db.waitReady.then(
  () => port.postMessage({ id: 0, ok: true, ready: true }),
  (e: unknown) => port.postMessage({ id: 0, ok: false, error: serializeError(e) }),
);

function serializeError(e: unknown): { message: string; code?: string; detail?: string } {
  const err = e as { message?: string; code?: string; detail?: string };
  return { message: err?.message ?? String(e), code: err?.code, detail: err?.detail };
}
