import type { StandInChannel, StandInUser } from './stand-in-types.js';

export type ApiResult = { ok: boolean } & Record<string, unknown>;

const IMPLICIT_CHANNEL = /^[CGD][A-Z0-9]{2,}$/;

/** Users, user groups and channels of the stand-in workspace (users.info and friends). */
export class StandInDirectory {
  private readonly users = new Map<string, StandInUser>();
  private readonly groups = new Map<string, string[]>();
  private readonly channels = new Map<string, StandInChannel>();

  constructor(readonly teamId: string) {}

  addUser(user: StandInUser): void {
    this.users.set(user.id, user);
  }

  setUsergroup(id: string, members: readonly string[]): void {
    this.groups.set(id, [...members]);
  }

  addChannel(channel: StandInChannel): void {
    this.channels.set(channel.id, channel);
  }

  /**
   * Registered channels, or any well-formed channel id (so tests need not register every
   * channel). A user id is a DM with the bot.
   */
  channel(id: string): StandInChannel | undefined {
    const known = this.channels.get(id);
    if (known !== undefined) return known;
    if (IMPLICIT_CHANNEL.test(id)) return { id, name: id.toLowerCase(), isPrivate: id.startsWith('G') };
    return undefined;
  }

  usersInfo(body: Record<string, unknown>): ApiResult {
    const user = typeof body['user'] === 'string' ? this.users.get(body['user']) : undefined;
    if (user === undefined) return { ok: false, error: 'user_not_found' };
    return {
      ok: true,
      user: {
        id: user.id,
        team_id: this.teamId,
        name: user.name,
        real_name: user.realName ?? user.name,
        deleted: user.deleted ?? false,
        is_admin: user.isAdmin ?? false,
        is_owner: false,
        is_bot: user.isBot ?? false,
        is_app_user: false,
        is_restricted: user.isRestricted ?? false,
        is_ultra_restricted: user.isUltraRestricted ?? false,
        tz: 'Pacific/Auckland',
        profile: { real_name: user.realName ?? user.name, display_name: user.name, email: user.email },
      },
    };
  }

  usergroupsUsersList(body: Record<string, unknown>): ApiResult {
    const members = typeof body['usergroup'] === 'string' ? this.groups.get(body['usergroup']) : undefined;
    if (members === undefined) return { ok: false, error: 'no_such_subteam' };
    return { ok: true, users: [...members] };
  }

  conversationsInfo(body: Record<string, unknown>): ApiResult {
    const channel = typeof body['channel'] === 'string' ? this.channel(body['channel']) : undefined;
    if (channel === undefined) return { ok: false, error: 'channel_not_found' };
    return {
      ok: true,
      channel: {
        id: channel.id,
        name: channel.name,
        is_channel: !channel.id.startsWith('D'),
        is_group: false,
        is_im: channel.id.startsWith('D'),
        is_private: channel.isPrivate ?? false,
        is_archived: false,
        is_member: channel.botIsMember ?? true,
        context_team_id: this.teamId,
      },
    };
  }
}
