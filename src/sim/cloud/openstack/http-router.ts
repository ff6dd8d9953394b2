import type { IncomingMessage } from 'node:http';
import { pyJson } from './py-json.js';

/** What a route handler sees of a request. */
export interface RouteContext {
  method: string;
  /** Path below the service prefix, without the query string. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** Parsed JSON body, or undefined when there was none or it was not JSON. */
  body: unknown;
  /** `http://host:port` as the client addressed us (for links and redirects). */
  origin: string;
}

/** What a handler answers; `body` objects are written as JSON, strings as they are. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export type Handler = (ctx: RouteContext) => Reply | Promise<Reply>;

interface Route {
  method: string;
  pattern: string;
  segments: string[];
  handler: Handler;
}

/** A tiny method + path router: `:name` segments capture, everything else matches literally. */
export class Router {
  private readonly routes: Route[] = [];

  on(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, pattern, segments: split(pattern), handler });
    return this;
  }

  /** The matching handler, its params and its pattern; `method_not_allowed` when only the method differs. */
  match(
    method: string,
    path: string,
  ): { handler: Handler; params: Record<string, string>; pattern: string } | 'not_found' | 'method_not_allowed' {
    const parts = split(path);
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method !== method) {
        pathMatched = true;
        continue;
      }
      return { handler: route.handler, params, pattern: route.pattern };
    }
    return pathMatched ? 'method_not_allowed' : 'not_found';
  }
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | null {
  if (pattern.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const p = pattern[i] as string;
    const part = parts[i] as string;
    if (p.startsWith(':')) params[p.slice(1)] = safeDecode(part);
    else if (p !== part) return null;
  }
  return params;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** A JSON reply written the way Python services write it. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, body, headers };
}

/** Serialises a reply body: strings as-is, anything else as Python-style JSON. */
export function serialiseBody(body: unknown): string {
  return typeof body === 'string' ? body : pyJson(body);
}

/** Reads a request body fully (bounded) and parses it as JSON when possible. */
export async function readJsonBody(req: IncomingMessage, limitBytes = 1_000_000): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limitBytes) throw new Error('request body too large');
    chunks.push(buf);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
