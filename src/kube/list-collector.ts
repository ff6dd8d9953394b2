import type { z } from 'zod';
import { isBotError } from '../core/errors.js';
import type { CollectionProblem } from '../core/snapshot.js';
import { ListSchema } from './kube-schemas.js';
import { ResponseTooLargeError, type KubeHttp } from './kube-http.js';

export interface ListLimits {
  timeoutMs: number;
  pageSize: number;
  /** Bytes read for one resource across its pages. */
  maxBytes: number;
}

/** Items of one list that validated, and what went wrong while collecting them. */
export interface Collected<T> {
  items: T[];
  problems: CollectionProblem[];
}

/**
 * Lists one resource page by page (`limit` + `continue`) and validates each item on its own.
 * Failures become CollectionProblems; a byte cap hit keeps the pages read and says `truncated`.
 */
export async function collectList<S extends z.ZodType>(
  http: KubeHttp,
  what: string,
  path: string,
  schema: S,
  limits: ListLimits,
): Promise<Collected<z.infer<S>>> {
  const items: z.infer<S>[] = [];
  const problems: CollectionProblem[] = [];
  let token: string | undefined;
  let bytes = 0;
  let invalid = 0;
  try {
    do {
      const text = await http.request({
        method: 'GET',
        path,
        query: { limit: limits.pageSize, continue: token },
        timeoutMs: limits.timeoutMs,
        maxBytes: limits.maxBytes - bytes,
      });
      bytes += Buffer.byteLength(text);
      const page = ListSchema.parse(JSON.parse(text));
      for (const raw of page.items ?? []) {
        const parsed = schema.safeParse(raw);
        if (parsed.success) items.push(parsed.data);
        else invalid += 1;
      }
      token = page.metadata?.continue || undefined;
    } while (token);
  } catch (error) {
    problems.push(problemFrom(error, what, limits));
  }
  if (invalid > 0)
    problems.push({
      source: 'kube',
      code: 'error',
      what,
      message: `${invalid} ${what} could not be read (unexpected shape) and were skipped.`,
    });
  return { items, problems };
}

/** Maps a request failure to the CollectionProblem vocabulary. */
export function problemFrom(error: unknown, what: string, limits?: Pick<ListLimits, 'maxBytes' | 'timeoutMs'>): CollectionProblem {
  const problem = (code: string, message: string): CollectionProblem => ({ source: 'kube', code, what, message });
  if (error instanceof ResponseTooLargeError) {
    return problem(
      'truncated',
      `Stopped reading ${what} after ${Math.round((limits?.maxBytes ?? error.maxBytes) / (1024 * 1024))} MiB; the list is incomplete.`,
    );
  }
  if (isBotError(error)) {
    const status = (error as { status?: number }).status;
    if (error.code === 'timeout')
      return problem('timeout', `Listing ${what} took longer than ${Math.round((limits?.timeoutMs ?? 0) / 1000)} s.`);
    if (error.code === 'kube_unreachable') return problem('unreachable', 'The Kubernetes API cannot be reached.');
    if (error.code === 'kube_forbidden') return problem('forbidden', `The bot's credentials may not list ${what}.`);
    if (error.code === 'kube_unauthorized') return problem('error', "The Kubernetes API rejected the bot's credentials (HTTP 401).");
    if (error.code === 'not_found') return problem('not_found', `The API does not serve ${what}.`);
    return problem('error', `Listing ${what} failed${status ? ` (HTTP ${status})` : ''}.`);
  }
  return problem('error', `Listing ${what} failed: the answer could not be read.`);
}
