/**
 * Entry point of a media worker thread. It receives its config and a MessagePort in workerData and
 * from then on only speaks through that port: commands in, replies and events out.
 */
import type { MessagePort } from 'node:worker_threads';
import { workerData } from 'node:worker_threads';
import type { MainToWorker, WorkerConfig, WorkerToMain } from './protocol.ts';
import { WorkerRuntime } from './worker-runtime.ts';

const { config, port } = workerData as { config: WorkerConfig; port: MessagePort };
const post = (m: WorkerToMain) => port.postMessage(m);
const runtime = new WorkerRuntime(config, (event) => post({ kind: 'event', event }));
runtime.start();
port.on('message', (m: MainToWorker) => {
  void runtime.handle(m.command).then((r) => post({ kind: 'reply', reply: { ...r, id: m.id } }));
});
post({ kind: 'ready' });
