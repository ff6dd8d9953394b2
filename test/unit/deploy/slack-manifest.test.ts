/**
 * The Slack app manifests (deploy/slack/) ask for exactly the bot scopes the code needs: the
 * scopes of every Web API method the source calls, found by scanning it, plus `commands` for
 * the slash command, and nothing more.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';

const root = new URL('../../..', import.meta.url).pathname;

/**
 * Bot-token scopes per Web API method, from each method's reference page:
 * https://docs.slack.dev/reference/methods/<method> ("Scopes" → "Bot token"); a method whose page
 * lists no scope for bot tokens maps to []. Scopes themselves: https://docs.slack.dev/reference/scopes
 * A method the source starts calling fails this test until it is added here, from its page.
 */
const METHOD_SCOPES: Record<string, string[]> = {
  // https://docs.slack.dev/reference/methods/auth.test: no scope.
  'auth.test': [],
  // https://docs.slack.dev/reference/methods/apps.connections.open: the app-level token's connections:write, no bot scope.
  'apps.connections.open': [],
  // https://docs.slack.dev/reference/methods/chat.postMessage
  'chat.postMessage': ['chat:write'],
  // https://docs.slack.dev/reference/methods/chat.update
  'chat.update': ['chat:write'],
  // https://docs.slack.dev/reference/methods/chat.postEphemeral
  'chat.postEphemeral': ['chat:write'],
  // https://docs.slack.dev/reference/methods/views.open: no scope (a trigger_id is the permission).
  'views.open': [],
  // https://docs.slack.dev/reference/methods/conversations.history: the outbox looks up a post whose answer was lost.
  'conversations.history': ['channels:history', 'groups:history', 'im:history', 'mpim:history'],
  // https://docs.slack.dev/reference/methods/conversations.replies: the same, for a reply in a thread.
  'conversations.replies': ['channels:history', 'groups:history', 'im:history', 'mpim:history'],
  // https://docs.slack.dev/reference/methods/users.info
  'users.info': ['users:read'],
  // https://docs.slack.dev/reference/methods/usergroups.users.list
  'usergroups.users.list': ['usergroups:read'],
  // https://docs.slack.dev/reference/methods/files.getUploadURLExternal
  'files.getUploadURLExternal': ['files:write'],
  // https://docs.slack.dev/reference/methods/files.completeUploadExternal
  'files.completeUploadExternal': ['files:write'],
};

/** The SDK's upload helper calls these two methods (https://docs.slack.dev/tools/node-slack-sdk/web-api/#upload-a-file). */
const FILES_UPLOAD_V2 = ['files.getUploadURLExternal', 'files.completeUploadExternal'];

/** A slash command needs the `commands` scope (https://docs.slack.dev/reference/scopes/commands). */
const SLASH_COMMAND_SCOPE = 'commands';

const FAMILIES =
  'admin|api|apps|auth|bookmarks|bots|calls|chat|conversations|dnd|emoji|files|pins|reactions|reminders|search|team|usergroups|users|views';

function sourceFiles(): string[] {
  return (
    ['src', 'commands', 'jobs']
      .flatMap((dir) => readdirSync(join(root, dir), { recursive: true, withFileTypes: true }).map((e) => join(e.parentPath, e.name)))
      .filter((file) => file.endsWith('.ts'))
      .filter((file) => !relative(root, file).startsWith(join('src', 'sim')))
      // The table of Slack's rate-limit tiers names methods without calling them.
      .filter((file) => relative(root, file) !== join('src', 'core', 'slack-tiers.ts'))
  );
}

/** Every Web API method the bot's code calls, with the files that call it. */
function calledMethods(files: string[]): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const add = (method: string, file: string) => found.set(method, (found.get(method) ?? new Set()).add(relative(root, file)));
  const patterns = [
    // A method name as a whole string literal: apiCall('views.open', ...), call('chat.postMessage', ...), toSlackError(e, 'auth.test').
    new RegExp(`'((?:${FAMILIES})\\.[a-zA-Z]+(?:\\.[a-zA-Z]+)*)'`, 'g'),
    // The SDK's method tree: client.auth.test(...).
    new RegExp(`\\bclient\\.((?:${FAMILIES})\\.[a-zA-Z.]+)\\(`, 'g'),
  ];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) for (const match of text.matchAll(pattern)) add(match[1] ?? '', file);
    if (/\bfilesUploadV2\(/.test(text)) for (const method of FILES_UPLOAD_V2) add(method, file);
  }
  return found;
}

interface Manifest {
  features: { slash_commands: { command: string; url?: string }[] };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: { interactivity: { is_enabled: boolean; request_url?: string }; socket_mode_enabled: boolean; event_subscriptions?: unknown };
}

const manifest = (name: string) => parse(readFileSync(join(root, 'deploy', 'slack', name), 'utf8')) as Manifest;
const appSource = readFileSync(join(root, 'src', 'slack', 'create-slack-app.ts'), 'utf8');
const listenerSource = readFileSync(join(root, 'src', 'slack', 'listeners.ts'), 'utf8');

describe('Slack app manifests', () => {
  const called = calledMethods(sourceFiles());

  it('finds the Web API calls the bot makes, each one in the scope table', () => {
    // The scan itself: the poster's, the directory's, the modal opener's and the upload helper's calls.
    expect([...called.keys()]).toEqual(expect.arrayContaining(['chat.postMessage', 'users.info', 'usergroups.users.list', 'views.open']));
    const upload = new Set([join('src', 'slack', 'outbox', 'snippet-upload.ts')]);
    expect(called.get('files.getUploadURLExternal')).toEqual(upload);
    expect(called.get('files.completeUploadExternal')).toEqual(upload);
    const unknown = [...called.keys()].filter((method) => METHOD_SCOPES[method] === undefined);
    expect(unknown).toEqual([]);
  });

  it.each(['manifest.yaml', 'manifest-socket-mode.yaml'])(
    '%s asks for exactly the bot scopes of those methods and the slash command',
    (name) => {
      const needed = new Set([SLASH_COMMAND_SCOPE, ...[...called.keys()].flatMap((method) => METHOD_SCOPES[method] ?? [])]);
      const { bot, user } = manifest(name).oauth_config.scopes;

      expect([...bot].sort()).toEqual([...needed].sort());
      expect(user).toBeUndefined();
    },
  );

  it('registers the /kube command the listeners answer, and no event subscriptions (the bot listens to none)', () => {
    const command = /app\.command\('([^']+)'/.exec(listenerSource)?.[1];
    for (const name of ['manifest.yaml', 'manifest-socket-mode.yaml']) {
      const m = manifest(name);
      expect(m.features.slash_commands.map((c) => c.command)).toEqual([command]);
      expect(m.settings.interactivity.is_enabled).toBe(true);
      expect(m.settings.event_subscriptions).toBeUndefined();
    }
    expect(/\bapp\.(event|message)\(/.test(appSource + listenerSource)).toBe(false);
  });

  it('HTTP mode sends commands and interactions to the path the receiver serves; Socket Mode needs no URL', () => {
    const endpoint = /endpoints: '([^']+)'/.exec(appSource)?.[1];
    const http = manifest('manifest.yaml');
    const socket = manifest('manifest-socket-mode.yaml');

    expect(endpoint).toBe('/slack/events');
    expect(new URL(http.features.slash_commands[0]?.url ?? '').pathname).toBe(endpoint);
    expect(new URL(http.settings.interactivity.request_url ?? '').pathname).toBe(endpoint);
    expect(http.settings.socket_mode_enabled).toBe(false);
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect([socket.features.slash_commands[0]?.url, socket.settings.interactivity.request_url]).toEqual([undefined, undefined]);
  });
});
