import type { Logger } from '../../../src/core/ports.js';
import type {
  ActionRequest,
  CommandPlan,
  InteractionHandler,
  Reply,
  SlashCommandHandler,
  SlashRequest,
  ViewSubmission,
} from '../../../src/core/slack-request.js';
import { createSilentLogger } from '../../../src/logging/logger.js';
import { createSlackApp, type SlackApp } from '../../../src/slack/create-slack-app.js';
import type { ReplayGuard } from '../../../src/slack/replay-guard.js';
import { startSlackStandIn, type SlackStandIn } from '../../../src/sim/index.js';

export const SECRET = 'test-signing-secret';
export const COMMAND = { text: 'cluster list', user_id: 'U1ALICE', channel_id: 'C1OPS', team_id: 'T0STANDIN' };

/** A SlashCommandHandler that records requests and answers with `next`. */
export class FakeCommands implements SlashCommandHandler {
  readonly requests: SlashRequest[] = [];
  next: (request: SlashRequest) => CommandPlan = () => ({ kind: 'reply', message: { text: 'help' } });
  plan(request: SlashRequest): CommandPlan {
    this.requests.push(request);
    return this.next(request);
  }
}

/** An InteractionHandler that records actions and submissions; `errors` is what submissions get. */
export class FakeInteractions implements InteractionHandler {
  readonly actions: ActionRequest[] = [];
  readonly submissions: ViewSubmission[] = [];
  errors: Record<string, string> | null = null;
  async onAction(request: ActionRequest, _reply: Reply): Promise<void> {
    this.actions.push(request);
  }
  async onViewSubmission(submission: ViewSubmission): Promise<Record<string, string> | null> {
    this.submissions.push(submission);
    return this.errors;
  }
}

export interface Harness {
  slack: SlackStandIn;
  app: SlackApp;
  botUrl: string;
  commands: FakeCommands;
  interactions: FakeInteractions;
  setReady(ready: boolean): void;
  stop(): Promise<void>;
}

/** The app started on port 0 against a fresh stand-in, with fake handlers. */
export async function startHarness(
  options: { logger?: Logger; botToken?: string; replayGuard?: ReplayGuard; allowedTeams?: string[] } = {},
): Promise<Harness> {
  const slack = await startSlackStandIn();
  const commands = new FakeCommands();
  const interactions = new FakeInteractions();
  let ready = true;
  const app = await createSlackApp({
    config: {
      signingSecret: SECRET,
      botToken: options.botToken ?? slack.botToken,
      apiUrl: slack.apiUrl,
      allowedTeams: options.allowedTeams,
    },
    port: 0,
    logger: options.logger ?? createSilentLogger(),
    commands,
    interactions,
    readiness: async () => ready,
    metrics: async () => ({ contentType: 'text/plain; version=0.0.4', body: 'kube_chatops_up 1\n' }),
    ...(options.replayGuard === undefined ? {} : { replayGuard: options.replayGuard }),
  });
  const { port } = await app.start();
  return {
    slack,
    app,
    botUrl: `http://127.0.0.1:${port}`,
    commands,
    interactions,
    setReady: (value) => {
      ready = value;
    },
    async stop() {
      await app.stop();
      await slack.close();
    },
  };
}
