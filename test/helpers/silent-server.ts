import { createServer, type Socket } from 'node:net';

// A TCP server on 127.0.0.1 that accepts connections and never answers: a network that swallows requests
// (a firewall dropping them, a captive portal), where only a timeout ends the wait.

export interface SilentServer {
  port: number;
  /** Requests received so far (connections that sent something: undici may open a spare one). */
  readonly requests: number;
  close(): Promise<void>;
}

export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  let requests = 0;
  const server = createServer((socket) => {
    socket.once('data', () => requests++);
    sockets.add(socket);
    socket.on('error', () => undefined).on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
