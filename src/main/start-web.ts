import { COMMANDS } from '../../commands/index.js';
import { createRegistry } from '../../commands/registry.js';
import type { Config } from '../config/load-config.js';
import type { Logger, Message, MessageRef, SlackPoster } from '../core/ports.js';
import type { ModalOpener } from '../core/slack-request.js';
import { createSlackApp } from '../slack/create-slack-app.js';
import type { SharedPorts } from './build-ports.js';

export type SlackApp = Awaited<ReturnType<typeof createSlackApp>>;

/** The web role: the Slack app (HTTP receiver or Socket Mode) over the one command registry. */
export async function createWeb(
  config: Config,
  logger: Logger,
  ports: SharedPorts,
  outbox: Parameters<typeof createSlackApp>[0]['outbox'],
): Promise<SlackApp> {
  // The registry is built before the Slack app that carries its answers: bind those lazily.
  const bound: { app?: SlackApp } = {};
  const modals: ModalOpener = { open: (trigger, view) => (bound.app as SlackApp).modals.open(trigger, view) };
  const messages: Pick<SlackPoster, 'update'> = {
    update: (ref: MessageRef, message: Message) => (bound.app as SlackApp).poster.update(ref, message),
  };
  const { commands, interactions } = createRegistry(COMMANDS, {
    queue: ports.queue,
    access: ports.access,
    clock: ports.clock,
    audit: ports.audit,
    confirmations: ports.confirmations,
    messages,
    modals,
    logger,
    metrics: ports.metrics.commands,
  });
  const app = await createSlackApp({
    config: config.slack,
    port: config.port,
    logger,
    commands,
    interactions,
    readiness: () => ports.queue.isReady(),
    metrics: () => ports.metrics.render(),
    slackCalls: ports.metrics.slack,
    outbox,
    replayGuard: { firstSeen: (signature, ttlMs, signedAt) => ports.signatures.claim(`slack-signature:${signature}`, ttlMs, signedAt) },
  });
  bound.app = app;
  return app;
}
