/** An HTTP proxy in front of the sim that forwards everything, but holds back Magnum's answer to a create. */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HoldingProxy {
  url: string;
  /** Resolves once Magnum has accepted a create whose answer the proxy is holding back. */
  createAccepted: Promise<void>;
  close(): Promise<void>;
}

/** Starts the proxy on 127.0.0.1:0 in front of `target` (the sim's base URL). */
export async function startHoldingProxy(target: string): Promise<HoldingProxy> {
  const upstream = new URL(target);
  let accepted!: () => void;
  const createAccepted = new Promise<void>((resolve) => {
    accepted = resolve;
  });
  const server: Server = createServer((req, res) => {
    const forward = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const isCreate = req.method === 'POST' && req.url?.split('?')[0] === '/container-infra/v1/clusters';
        if (isCreate && answer.statusCode === 202) {
          // The cluster exists now; the worker never hears so.
          answer.resume();
          accepted();
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    createAccepted,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
