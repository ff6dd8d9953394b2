/**
 * Fault injection for the simulated cloud: each OpenStack service and the Kubernetes API
 * servers can be told to answer the next requests (a count, or for a while) with a 5xx, a 429
 * with Retry-After, an answer slower than the client waits, a reset connection, or a 401 after
 * the project's tokens expired under it. Tests call `faults.inject`; a process that only has
 * the cloud's URL posts the same JSON to `/__sim/faults` (see `handleFaultAdmin`).
 * A `hold` never answers: it tells the plan's hold listeners (`onHold`) that the request arrived
 * (phase `request`, the service never sees it) or that the service has done it and is about to
 * answer (phase `response`, the answer is dropped). The kill tests SIGKILL a worker there.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';

export const FAULT_SERVICES = ['keystone', 'magnum', 'heat', 'octavia', 'neutron', 'nova', 'cinder', 'kube'] as const;
export type FaultService = (typeof FAULT_SERVICES)[number];

export const FAULT_KINDS = ['5xx', '429', 'slow', 'reset', 'token_expired', 'hold'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The admin path a separate process posts faults to, on the cloud's own port. */
export const FAULT_ADMIN_PATH = '/__sim/faults';

export const FaultSpecSchema = z
  .object({
    service: z.enum(FAULT_SERVICES),
    kind: z.enum(FAULT_KINDS),
    /** How many matching requests get the fault. */
    count: z.number().int().positive().optional(),
    /** Or every matching request for this long (real milliseconds, from the injection). */
    durationMs: z.number().int().positive().optional(),
    /** Only requests of this method (e.g. only the POST that creates). */
    method: z.string().optional(),
    /** Only requests whose path (below the service's prefix) matches this regular expression. */
    path: z.string().optional(),
    /** `5xx`: the status (default 503). */
    status: z.number().int().min(500).max(599).optional(),
    /** `429`: the Retry-After header in seconds (default 1). */
    retryAfterSeconds: z.number().int().nonnegative().optional(),
    /** `slow`: how long the answer waits before it is sent (default 5 s). */
    delayMs: z.number().int().nonnegative().optional(),
    /** `hold`: before the service runs the request (default), or after it did, instead of its answer. */
    phase: z.enum(['request', 'response']).optional(),
  })
  .refine((s) => (s.count === undefined) !== (s.durationMs === undefined), { message: 'give exactly one of count and durationMs' });
export type FaultSpec = z.infer<typeof FaultSpecSchema>;

/** One request as the fault plan sees it. */
export interface FaultTarget {
  service: FaultService;
  method: string;
  /** The path below the service's prefix. */
  path: string;
}

/** What to do with a request the plan matched. */
export type FaultAction =
  | { kind: '5xx'; status: number }
  | { kind: '429'; retryAfterSeconds: number }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'reset' }
  | { kind: 'token_expired' }
  | { kind: 'hold'; phase: 'request' | 'response'; held: () => void };

/** A hold listener: told which request was held, and at which phase. */
export type HoldListener = (target: FaultTarget, phase: 'request' | 'response') => void;

interface ActiveFault {
  spec: FaultSpec;
  pathPattern: RegExp | null;
  remaining: number;
  until: number;
}

/** What a service answers with a 5xx or 429 of its own. */
export interface FaultReplyBody {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The cloud's fault plan: injected faults, matched against each request in order. */
export class FaultPlan {
  private active: ActiveFault[] = [];
  private readonly hits = new Map<string, number>();
  private readonly holdListeners: HoldListener[] = [];

  constructor(
    /** Called when a `token_expired` fault fires: expire every token the cloud has issued. */
    private readonly expireTokens: () => void = () => undefined,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Adds a fault; returns it as parsed (throws a ZodError for a bad spec). */
  inject(spec: FaultSpec): FaultSpec {
    const parsed = FaultSpecSchema.parse(spec);
    this.active.push({
      spec: parsed,
      pathPattern: parsed.path === undefined ? null : new RegExp(parsed.path),
      remaining: parsed.count ?? Number.POSITIVE_INFINITY,
      until: parsed.durationMs === undefined ? Number.POSITIVE_INFINITY : this.now() + parsed.durationMs,
    });
    // Keystone's own tokens expire the moment the fault is set: the next call anywhere finds its token dead.
    if (parsed.service === 'keystone' && parsed.kind === 'token_expired') this.expireTokens();
    return parsed;
  }

  /** Calls `listener` each time a `hold` fault holds a request (synchronously, before anything is answered). */
  onHold(listener: HoldListener): void {
    this.holdListeners.push(listener);
  }

  /** Removes every fault (the hit counts stay). */
  clear(): void {
    this.active = [];
  }

  /** How many requests got a fault, by service and kind (`magnum 5xx`), or in all. */
  fired(service?: FaultService, kind?: FaultKind): number {
    let total = 0;
    for (const [key, n] of this.hits) {
      const [s, k] = key.split(' ');
      if ((service === undefined || s === service) && (kind === undefined || k === kind)) total += n;
    }
    return total;
  }

  /** The fault this request gets, if any, consuming one of its count. */
  take(target: FaultTarget): FaultAction | null {
    const now = this.now();
    this.active = this.active.filter((f) => f.remaining > 0 && f.until > now);
    const fault = this.active.find(
      (f) =>
        f.spec.service === target.service &&
        (f.spec.method === undefined || f.spec.method.toUpperCase() === target.method.toUpperCase()) &&
        (f.pathPattern === null || f.pathPattern.test(target.path)),
    );
    if (!fault) return null;
    fault.remaining -= 1;
    const key = `${target.service} ${fault.spec.kind}`;
    this.hits.set(key, (this.hits.get(key) ?? 0) + 1);
    switch (fault.spec.kind) {
      case '5xx':
        return { kind: '5xx', status: fault.spec.status ?? 503 };
      case '429':
        return { kind: '429', retryAfterSeconds: fault.spec.retryAfterSeconds ?? 1 };
      case 'slow':
        return { kind: 'slow', delayMs: fault.spec.delayMs ?? 5_000 };
      case 'reset':
        return { kind: 'reset' };
      case 'token_expired':
        this.expireTokens();
        return { kind: 'token_expired' };
      case 'hold': {
        const phase = fault.spec.phase ?? 'request';
        return { kind: 'hold', phase, held: () => this.holdListeners.forEach((listener) => listener(target, phase)) };
      }
    }
  }
}

/**
 * Applies a fault to a request before its handler runs: answers it (5xx, 429), drops the
 * connection (reset), or waits (slow) and lets it through. Returns true when the request was
 * answered or dropped here. `token_expired` only expires tokens, so the request then meets the
 * service's own 401; the Kubernetes API (client certificates, no tokens) answers 401 itself.
 */
export async function applyFault(
  action: FaultAction | null,
  req: IncomingMessage,
  res: ServerResponse,
  reply: (status: number, headers: Record<string, string>, message: string) => void,
): Promise<boolean> {
  if (!action) return false;
  switch (action.kind) {
    case '5xx':
      reply(action.status, {}, 'The server has either erred or is incapable of performing the requested operation.');
      return true;
    case '429':
      reply(429, { 'Retry-After': String(action.retryAfterSeconds) }, 'Too many requests, retry later.');
      return true;
    case 'reset':
      // Read nothing more and drop the socket: the client sees ECONNRESET or "other side closed".
      req.socket.destroy();
      res.destroy();
      return true;
    case 'slow':
      await new Promise((resolve) => setTimeout(resolve, action.delayMs));
      // The client may have given up and closed the socket meanwhile.
      return res.destroyed || req.socket.destroyed;
    case 'token_expired':
      return false;
    case 'hold':
      if (action.phase === 'request') {
        // Never answered: the connection stays open until the client goes.
        action.held();
        return true;
      }
      dropAnswer(res, action.held);
      return false;
  }
}

/**
 * Lets the service run the request but drops its answer: the first write of the answer tells
 * `held` instead, and the connection is closed without a byte of it.
 */
function dropAnswer(res: ServerResponse, held: () => void): void {
  let told = false;
  const drop = (): ServerResponse => {
    if (!told) {
      told = true;
      held();
      res.destroy();
    }
    return res;
  };
  res.writeHead = drop as unknown as ServerResponse['writeHead'];
  res.write = (() => (drop(), true)) as unknown as ServerResponse['write'];
  res.end = drop as unknown as ServerResponse['end'];
}

/**
 * `/__sim/faults`: POST a FaultSpec (JSON) to add it, DELETE to clear every fault, GET for the
 * hit counts. Returns false when the path is not the admin path.
 */
export async function handleFaultAdmin(
  plan: FaultPlan,
  req: IncomingMessage,
  res: ServerResponse,
  body: () => Promise<unknown>,
): Promise<boolean> {
  const path = new URL(req.url ?? '/', 'http://sim').pathname;
  if (path !== FAULT_ADMIN_PATH) return false;
  const answer = (status: number, value: unknown) => {
    const text = JSON.stringify(value);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) });
    res.end(text);
  };
  if (req.method === 'DELETE') {
    plan.clear();
    answer(200, { cleared: true });
  } else if (req.method === 'GET') {
    const fired = Object.fromEntries(FAULT_SERVICES.map((s) => [s, plan.fired(s)]));
    answer(200, { fired });
  } else if (req.method === 'POST') {
    const parsed = FaultSpecSchema.safeParse(await body());
    if (parsed.success) answer(201, { injected: plan.inject(parsed.data) });
    else answer(400, { error: parsed.error.issues.map((i) => i.message).join('; ') });
  } else {
    answer(405, { error: 'use POST, GET or DELETE' });
  }
  return true;
}
