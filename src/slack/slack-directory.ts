import { z } from 'zod';
import type { Config } from '../config/load-config.js';
import type { Logger, SlackCallMetrics } from '../core/ports.js';
import { toSlackError } from './slack-errors.js';
import { createSlackWebClient, type SlackWebClient } from './web-client.js';

/** Who is in which user group, and who is a guest: the lookups behind permission checks. */
export interface SlackDirectory {
  /** The ids among `groups()` that `userId` belongs to. Throws UpstreamError when Slack fails (callers fail closed). */
  userGroups(userId: string): Promise<string[]>;
  /** Whether `userId` is a restricted or ultra-restricted guest (users.info). */
  isGuest(userId: string): Promise<boolean>;
}

export interface SlackDirectoryOptions {
  /** The user group ids the access policy names; only these are looked up. */
  groups: () => readonly string[];
  /** How long answers are reused. Default 5 minutes (usergroups.users.list is Tier 2: 20 calls a minute). */
  ttlMs?: number;
  now?: () => number;
}

const GroupMembers = z.object({ users: z.array(z.string()).default([]) });
const UserInfo = z.object({ user: z.object({ is_restricted: z.boolean().optional(), is_ultra_restricted: z.boolean().optional() }) });

/** A cache that also shares one in-flight lookup between concurrent callers. */
function cached<T>(ttlMs: number, now: () => number, load: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const entries = new Map<string, { at: number; value: Promise<T> }>();
  return (key) => {
    const hit = entries.get(key);
    if (hit !== undefined && now() - hit.at < ttlMs) return hit.value;
    const value = load(key);
    entries.set(key, { at: now(), value });
    value.catch(() => entries.delete(key));
    return value;
  };
}

/** SlackDirectory over a WebClient (or a new one from config), with a TTL cache so the ack path rarely calls Slack. */
export function createSlackDirectory(
  source: SlackWebClient | { slack: Config['slack']; logger: Logger; metrics?: SlackCallMetrics },
  options: SlackDirectoryOptions,
): SlackDirectory {
  const client = 'slack' in source ? createSlackWebClient(source.slack, source.logger, source.metrics, 'sdk') : source;
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;

  const members = cached(ttlMs, now, async (group): Promise<ReadonlySet<string>> => {
    try {
      return new Set(GroupMembers.parse(await client.apiCall('usergroups.users.list', { usergroup: group })).users);
    } catch (error) {
      const slackError = toSlackError(error, 'usergroups.users.list');
      // Free workspaces have no user groups: nobody is in one.
      if (slackError.upstreamCode === 'plan_upgrade_required' || slackError.upstreamCode === 'no_such_subteam') return new Set<string>();
      throw slackError;
    }
  });

  const guest = cached(ttlMs, now, async (userId): Promise<boolean> => {
    try {
      const { user } = UserInfo.parse(await client.apiCall('users.info', { user: userId }));
      return user.is_restricted === true || user.is_ultra_restricted === true;
    } catch (error) {
      throw toSlackError(error, 'users.info');
    }
  });

  return {
    async userGroups(userId) {
      const groups = [...new Set(options.groups())];
      const sets = await Promise.all(groups.map((group) => members(group)));
      return groups.filter((_group, i) => sets[i]?.has(userId) === true);
    },
    isGuest: (userId) => guest(userId),
  };
}
