// A worker thread of the rebuild: segments documents (prepare.ts) so that
// the main thread only writes. The document itself is not sent back, only
// what was made of it. Plain JavaScript because a worker does not
// inherit the parent's TypeScript loader; it registers its own.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register({ tsconfig: workerData.tsconfig });
const { Analyzer } = await import('./analyzer.ts');
const { prepare } = await import('./prepare.ts');
const analyzer = new Analyzer(workerData.words);

parentPort.on('message', ({ id, docs }) => {
  try {
    const prepared = docs.map((doc) => {
      const { doc: _, ...made } = prepare(analyzer, doc, workerData.options);
      return made;
    });
    parentPort.postMessage({ id, prepared });
  } catch (err) {
    parentPort.postMessage({ id, error: String(err?.stack ?? err) });
  }
});
parentPort.postMessage({ ready: true });
