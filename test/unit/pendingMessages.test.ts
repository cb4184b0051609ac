import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { afterPendingMessages } from '../../server/src/lsp/backgroundAnalysis';

/**
 * The server's analyses run in slices and let other events through between them
 * (lsp/backgroundAnalysis.ts): a request that arrived during a slice must be answered
 * before the next slice starts. Here a real vscode-jsonrpc connection over a socket, a
 * client on another thread that sends a request while a slice holds this thread, and the
 * slice started where the server's are after a parse on the thread: in the poll phase (a
 * message from a worker).
 */
const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const { connect } = require('node:net');
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require(workerData.jsonrpc);
const socket = connect(workerData.path, () => {
  const conn = createMessageConnection(new StreamMessageReader(socket), new StreamMessageWriter(socket));
  conn.listen();
  const sent = new Int32Array(workerData.flag);
  parentPort.on('message', async () => {
    const answer = conn.sendRequest('ping');
    // Written to the socket (the writer waits a turn): the slice may go on.
    setTimeout(() => { Atomics.store(sent, 0, 1); }, 5);
    await answer;
    conn.dispose();
    socket.end();
  });
  parentPort.postMessage('connected');
});
`;

/** Holds the thread until the client has sent its request, and a little longer. */
function sliceUntil(flag: Int32Array): void {
  const start = Date.now();
  while (Atomics.load(flag, 0) === 0 && Date.now() - start < 10_000);
  const sent = Date.now();
  while (Date.now() - sent < 20);
}

describe('slices of an analysis and the requests that arrive meanwhile', function () {
  this.timeout(30_000);
  let dir: string;
  let server: Server;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'briefmark-slices-'))));
  after(() => {
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a request that arrived during a slice before the next slice starts', async () => {
    const path = join(dir, 'lsp.sock');
    const order: string[] = [];
    const connected = new Promise<Socket>((resolve) => {
      server = createServer((socket) => {
        const conn = createMessageConnection(new StreamMessageReader(socket), new StreamMessageWriter(socket));
        conn.onRequest('ping', () => {
          order.push('request answered');
          return 'pong';
        });
        conn.listen();
        resolve(socket);
      }).listen(path);
    });
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(CLIENT, { eval: true, workerData: { path, flag: flag.buffer, jsonrpc: require.resolve('vscode-jsonrpc/node') } });
    try {
      await new Promise((resolve) => worker.once('message', resolve));
      await connected;
      const done = new Promise<void>((resolve) => {
        // Started by a message from another thread, as a slice after the parse thread's answer is.
        const port = new MessageChannel();
        port.port1.once('message', () => {
          port.port1.close();
          worker.postMessage('send');
          order.push('first slice');
          sliceUntil(flag);
          afterPendingMessages(() => {
            order.push('second slice');
            resolve();
          });
        });
        port.port2.postMessage('go');
      });
      await done;
      // The answer may take a turn or two to be written after the second slice starts: what counts is when it was handled.
      for (let i = 0; i < 100 && !order.includes('request answered'); i++) await new Promise((r) => setTimeout(r, 10));
      assert.deepEqual(order, ['first slice', 'request answered', 'second slice']);
    } finally {
      await worker.terminate();
    }
  });
});
