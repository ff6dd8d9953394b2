import type { Middleware, AnyMiddlewareArgs } from '@slack/bolt';
import type { Logger } from '../core/ports.js';
import { responseUrlOf } from './slack-payloads.js';
import { isTrustedResponseUrl } from './response-url-guard.js';
import { isAllowedOrigin, originOf, REFUSED_TEXT } from './team-allow-list.js';

export interface TeamGateDeps {
  /** The allowed team and org ids; empty until start() has asked auth.test whose token this is. */
  allowed: () => ReadonlySet<string>;
  apiUrl: string;
  logger: Logger;
}

type Ack = (response?: object) => Promise<void>;
type Respond = (message: object) => Promise<unknown>;

function userOf(body: Record<string, unknown>): string | undefined {
  const user = body['user'];
  if (typeof user === 'object' && user !== null) return String((user as { id?: unknown }).id ?? '');
  return typeof body['user_id'] === 'string' ? body['user_id'] : undefined;
}

/**
 * Bolt middleware, first in line: a request from a workspace that is not allowed is answered
 * with REFUSED_TEXT, visible only to its sender, and goes no further (no listener, no plan, no
 * job). Slash commands get the text in the ack; buttons through the response_url (when it is
 * Slack's); a modal submission turns the modal into the text.
 */
export function teamGate(deps: TeamGateDeps): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const body = args.body as unknown as Record<string, unknown>;
    const origin = originOf(body);
    if (isAllowedOrigin(origin, deps.allowed())) {
      await args.next();
      return;
    }
    deps.logger.warn(
      { teams: origin.teams, enterprise: origin.enterprise, user: userOf(body), kind: body['command'] ?? body['type'] },
      'request from a Slack workspace that is not allowed refused (SLACK_ALLOWED_TEAMS)',
    );
    const { ack, respond } = args as unknown as { ack?: Ack; respond?: Respond };
    if (ack === undefined) return;
    if (typeof body['command'] === 'string') {
      await ack({ response_type: 'ephemeral', text: REFUSED_TEXT });
      return;
    }
    if (body['type'] === 'view_submission') {
      await ack({
        response_action: 'update',
        view: {
          type: 'modal',
          title: { type: 'plain_text', text: 'kube-chatops' },
          close: { type: 'plain_text', text: 'Close' },
          blocks: [{ type: 'section', text: { type: 'mrkdwn', text: REFUSED_TEXT } }],
        },
      });
      return;
    }
    await ack();
    if (respond !== undefined && isTrustedResponseUrl(responseUrlOf(body), deps.apiUrl)) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: REFUSED_TEXT }).catch((error: unknown) =>
        deps.logger.warn({ err: error }, 'could not tell a refused user why'),
      );
    }
  };
}
