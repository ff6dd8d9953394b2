/**
 * Which Slack workspaces the bot serves. In a Slack Connect channel, members of other
 * organisations can run `/kube` and click the bot's buttons; their requests arrive signed like
 * any other. The bot serves its own workspace (the one its token belongs to) and the teams or
 * Enterprise Grid orgs listed in SLACK_ALLOWED_TEAMS, and refuses the rest before anything is
 * planned or enqueued. See https://docs.slack.dev/apis/slack-connect for who can reach an app.
 */

/** Where a request comes from: every team id it names (workspace and user), and the org if any. */
export interface RequestOrigin {
  teams: string[];
  enterprise: string | undefined;
}

/** What the refused person sees (only them). */
export const REFUSED_TEXT =
  'This kube-chatops serves only its own Slack workspace; your workspace is not on its allow-list, so nothing was done. ' +
  'Ask the bot’s administrators to add your workspace to SLACK_ALLOWED_TEAMS if you should have access.';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function idOf(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null ? text((value as { id?: unknown }).id) : undefined;
}

/**
 * The teams a payload names: `team_id` of a slash command, `team.id` and `user.team_id` of an
 * interaction (they differ for an external member of a shared channel), `user_team` where
 * Slack sends it; the org from `enterprise_id` or `enterprise.id`.
 */
export function originOf(body: unknown): RequestOrigin {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const user = (typeof b['user'] === 'object' && b['user'] !== null ? b['user'] : {}) as Record<string, unknown>;
  const candidates = [text(b['team_id']), idOf(b['team']), text(user['team_id']), text(b['user_team'])];
  const teams = [...new Set(candidates.filter((t): t is string => t !== undefined))];
  return { teams, enterprise: text(b['enterprise_id']) ?? idOf(b['enterprise']) };
}

/**
 * Allowed when the org is listed, or when the request names at least one team and every team it
 * names is listed. A payload naming no team at all is refused: nothing says whose it is.
 */
export function isAllowedOrigin(origin: RequestOrigin, allowed: ReadonlySet<string>): boolean {
  if (origin.enterprise !== undefined && allowed.has(origin.enterprise)) return true;
  return origin.teams.length > 0 && origin.teams.every((team) => allowed.has(team));
}
