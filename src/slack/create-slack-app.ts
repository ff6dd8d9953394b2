import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPModuleFunctions, HTTPReceiver, SocketModeReceiver, type AuthorizeResult, type CustomRoute } from '@slack/bolt';
import type { Config } from '../config/load-config.js';
import type { Logger, SlackCallMetrics } from '../core/ports.js';
import type { InteractionHandler, ModalOpener, SlashCommandHandler } from '../core/slack-request.js';
import { toBoltLogger } from './bolt-logger.js';
import { registerListeners } from './listeners.js';
import { createModalOpener } from './modal-opener.js';
import { createProbeServer, probeHandlers, type ProbeHandler } from './probe-routes.js';
import {
  guardRefusalStatus,
  REPLAY_GUARD_DEADLINE_MS,
  REPLAY_WINDOW_MS,
  ReplayedRequestError,
  ReplayGuardUnavailableError,
  signatureOf,
  signedAtOf,
  type ReplayGuard,
} from './replay-guard.js';
import type { ClaimResult } from '../core/confirmation.js';
import { withDeadline } from '../core/deadline.js';
import { toSlackError } from './slack-errors.js';
import { createSlackPoster, type OutboxOptions, type OutboxPoster } from './slack-poster.js';
import { createWebApiCaller } from './web-api-call.js';
import { teamGate } from './team-gate.js';
import { createSlackWebClient, slackClientOptions } from './web-client.js';

export interface SlackAppOptions {
  config: Config['slack'];
  /** HTTP port for /slack/events (HTTP mode) and the probes (both modes); 0 picks a free one. */
  port: number;
  logger: Logger;
  commands: SlashCommandHandler;
  interactions: InteractionHandler;
  /** Dependencies ready (Redis and such); /readyz is also 503 until start() and after stop(). */
  readiness: () => Promise<boolean>;
  metrics?: () => Promise<{ contentType: string; body: string }>;
  /** Counts every Web API request of the app's clients. */
  slackCalls?: SlackCallMetrics;
  /** Epoch ms; only used to age response_urls. */
  now?: () => number;
  /** HTTP mode: refuse a request whose signature was seen before (a replay) with 401. */
  replayGuard?: ReplayGuard;
  /** The outbox every write of this app goes through (its shared store and Slack's limits). */
  outbox?: Omit<OutboxOptions, 'logger'>;
}

export interface SlackApp {
  poster: OutboxPoster;
  modals: ModalOpener;
  /** Calls auth.test (the bot's ids, its workspace for the allow-list), then listens (and connects the socket in Socket Mode). */
  start(): Promise<{ port: number }>;
  /** Stops taking requests, then waits up to 10 s for acked work still running. */
  stop(): Promise<void>;
}

type Phase = 'new' | 'running' | 'stopped';

/** How long stop() waits for commands that were acked but are still running (enqueueing, replying). */
const DRAIN_TIMEOUT_MS = 10_000;

function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * The web process's Slack side. HTTP mode uses Bolt's HTTPReceiver (faster than Express)
 * with the probes as custom routes; Socket Mode (when `appToken` is set) serves the probes
 * from a small server of its own. Construction calls nothing remote: the one `auth.test` is
 * made by start() and its answer kept, so no request pays for one. Requests from workspaces
 * other than the bot's own and SLACK_ALLOWED_TEAMS are refused first (team-gate.ts).
 */
export async function createSlackApp(options: SlackAppOptions): Promise<SlackApp> {
  const { config, logger } = options;
  const log = logger.child({ component: 'slack' });
  let phase: Phase = 'new';
  const handlers = probeHandlers({
    ready: async () => phase === 'running' && (await options.readiness()),
    metrics: options.metrics,
    logger: log,
  });
  const boltLogger = toBoltLogger(log);
  const clientOptions = slackClientOptions(config, log, options.slackCalls);
  // Built here rather than by App so stop() can wait for the socket's close handshake.
  const socketReceiver =
    config.appToken === undefined
      ? undefined
      : new SocketModeReceiver({ appToken: config.appToken, logger: boltLogger, installerOptions: { clientOptions } });
  const socketMode = socketReceiver !== undefined;
  // Built here rather than by App: the signature of each verified request reaches the context, for the replay guard.
  const httpReceiver =
    socketReceiver !== undefined
      ? undefined
      : new HTTPReceiver({
          signingSecret: config.signingSecret,
          endpoints: '/slack/events',
          port: options.port,
          customRoutes: toCustomRoutes(handlers),
          logger: boltLogger,
          processBeforeResponse: false,
          customPropertiesExtractor: (request) => {
            const signature = signatureOf(request.headers['x-slack-signature']);
            const signedAt = signedAtOf(request.headers['x-slack-request-timestamp']);
            return signature === undefined
              ? {}
              : { slackSignature: signature, ...(signedAt === undefined ? {} : { slackSignedAt: signedAt }) };
          },
          processEventErrorHandler: async (args) => {
            const status = guardRefusalStatus(args.error);
            if (status === undefined || args.response.headersSent) return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
            args.response.writeHead(status);
            args.response.end();
            return true;
          },
        });
  // One auth.test, made by start(): the bot's ids for Bolt (which then asks for them no more) and
  // its workspace for the allow-list, which Bolt's own auth.test would not keep.
  const client = createSlackWebClient(config, log, options.slackCalls);
  let identity: Promise<AuthorizeResult> | undefined;
  const whoAmI = (): Promise<AuthorizeResult> => {
    identity ??= client.auth.test().then(
      (r) => ({ botToken: config.botToken, botId: r.bot_id, botUserId: r.user_id, teamId: r.team_id }),
      (error: unknown) => {
        identity = undefined;
        throw error;
      },
    );
    return identity;
  };
  const app = new App({
    authorize: whoAmI,
    deferInitialization: true,
    logger: boltLogger,
    clientOptions,
    processBeforeResponse: false,
    ...(socketReceiver !== undefined ? { socketMode: true, receiver: socketReceiver } : { receiver: httpReceiver }),
  });
  // Filled by start() from auth.test: until then (and if it fails) no workspace is served.
  let allowedTeams: ReadonlySet<string> = new Set();
  app.use(teamGate({ allowed: () => allowedTeams, apiUrl: config.apiUrl, logger: log }));
  const replayGuard = options.replayGuard;
  if (replayGuard !== undefined && !socketMode) {
    app.use(async ({ context, body, next }) => {
      const signature = context['slackSignature'];
      if (typeof signature === 'string') {
        const signedAt = typeof context['slackSignedAt'] === 'number' ? context['slackSignedAt'] : undefined;
        const slash = typeof (body as { command?: unknown }).command === 'string';
        const seen = await firstSeen(replayGuard, signature, signedAt, slash);
        if (seen === 'unavailable') throw new ReplayGuardUnavailableError();
        if (seen !== 'first') {
          log.warn({ seen }, seen === 'used' ? 'replayed Slack request refused' : 'request older than the replay memory refused');
          throw new ReplayedRequestError();
        }
      }
      await next();
    });
  }
  app.error(async (error) => {
    // Rethrown so the receiver answers it (401) instead of leaving it unanswered.
    if (guardRefusalStatus(error) !== undefined) throw error;
    log.error({ err: error }, 'unhandled error in a Slack listener');
  });

  /**
   * A guard that cannot answer (Redis down) fails closed for clicks and forms, and lets a slash
   * command through (it can only enqueue, on that same Redis; see replay-guard.ts).
   */
  async function firstSeen(
    guard: ReplayGuard,
    signature: string,
    signedAt: number | undefined,
    slash: boolean,
  ): Promise<ClaimResult | 'unavailable'> {
    try {
      return await withDeadline(
        guard.firstSeen(signature, REPLAY_WINDOW_MS, signedAt),
        REPLAY_GUARD_DEADLINE_MS,
        () => new Error(`no answer within ${REPLAY_GUARD_DEADLINE_MS} ms`),
      );
    } catch (error) {
      log.warn(
        { err: error, slash },
        slash ? 'replay guard unavailable; slash command accepted' : 'replay guard unavailable; request refused',
      );
      return slash ? 'first' : 'unavailable';
    }
  }

  const poster = createSlackPoster(createWebApiCaller(config, log, options.slackCalls), { ...options.outbox, logger: log });
  const listeners = registerListeners(app, {
    commands: options.commands,
    interactions: options.interactions,
    poster,
    apiUrl: config.apiUrl,
    logger: log,
    now: options.now ?? Date.now,
  });
  const probeServer = socketMode ? createProbeServer(handlers) : undefined;
  let boundPort = options.port;

  return {
    poster,
    modals: createModalOpener(client),

    async start() {
      try {
        await app.init();
        const { teamId } = await whoAmI();
        allowedTeams = new Set([...(teamId ? [teamId] : []), ...(config.allowedTeams ?? [])]);
      } catch (error) {
        throw toSlackError(error, 'auth.test');
      }
      if (probeServer !== undefined) {
        await listen(probeServer, options.port);
        boundPort = portOf(probeServer);
        try {
          await app.start();
        } catch (error) {
          probeServer.close();
          throw toSlackError(error, 'apps.connections.open');
        }
      } else {
        boundPort = portOf(await app.start(options.port));
      }
      phase = 'running';
      log.info({ port: boundPort, socketMode }, 'slack app started');
      return { port: boundPort };
    },

    async stop() {
      if (phase !== 'running') return;
      phase = 'stopped';
      if (socketReceiver !== undefined) await socketReceiver.client.disconnect();
      else await app.stop();
      await listeners.drain(DRAIN_TIMEOUT_MS);
      if (probeServer !== undefined) {
        await new Promise<void>((resolve, reject) => probeServer.close((error) => (error ? reject(error) : resolve())));
      }
      log.info({ port: boundPort }, 'slack app stopped');
    },
  };
}

function toCustomRoutes(handlers: Record<string, ProbeHandler>): CustomRoute[] {
  return Object.entries(handlers).map(([path, handler]) => ({ path, method: ['GET'], handler }));
}
