import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ListServer {
  url: string;
  close(): Promise<void>;
}

/**
 * A plain-HTTP stand-in for the Kubernetes API's list endpoints: `limit`/`continue` paging
 * as the API server does it, pre-serialized pages so the server's own cost stays out of the
 * measurement, an empty list for anything else it does not hold.
 */
export async function startListServer(lists: Map<string, object[]>): Promise<ListServer> {
  const pages = new Map<string, string>();
  const page = (path: string, items: object[], start: number, limit: number): string => {
    const key = `${path}|${start}|${limit}`;
    let body = pages.get(key);
    if (body === undefined) {
      const end = Math.min(items.length, start + limit);
      const metadata =
        end < items.length
          ? { resourceVersion: '1', continue: String(end), remainingItemCount: items.length - end }
          : { resourceVersion: '1' };
      body = JSON.stringify({ kind: 'List', apiVersion: 'v1', metadata, items: items.slice(start, end) });
      pages.set(key, body);
    }
    return body;
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    res.setHeader('Content-Type', 'application/json');
    if (url.pathname === '/version') {
      res.end(JSON.stringify({ major: '1', minor: '27', gitVersion: 'v1.27.4' }));
      return;
    }
    const items = lists.get(url.pathname) ?? [];
    const limit = Number(url.searchParams.get('limit') ?? items.length) || items.length || 1;
    const start = Number(url.searchParams.get('continue') ?? 0) || 0;
    res.end(page(url.pathname, items, start, limit));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
