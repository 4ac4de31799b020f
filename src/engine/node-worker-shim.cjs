// Runs DuckDB-WASM's Node worker inside worker_threads: the bundle expects the Web Worker
// globals (onmessage / postMessage), which worker_threads exposes through parentPort.
const { parentPort, workerData } = require('node:worker_threads');
globalThis.postMessage = (message, transfer) => parentPort.postMessage(message, transfer);
parentPort.on('message', (data) => globalThis.onmessage && globalThis.onmessage({ data }));
require(workerData.script);
