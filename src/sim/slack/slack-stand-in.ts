import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { StandInDirectory, type ApiResult } from './stand-in-directory.js';
import { parseApiBody, readBody, sendJson, tokenOf, uploadContent } from './stand-in-http.js';
import { StandInMessages } from './stand-in-messages.js';
import { StandInRateLimits } from './stand-in-rate-limits.js';
import { StandInSocketHub } from './stand-in-socket.js';
import { blockActionPayload, slashCommandForm, viewSubmissionPayload } from './slack-wire-payloads.js';
import type { InjectedFailure, RecordedCall, SlackStandIn, SlackStandInOptions, StandInMessage } from './stand-in-types.js';
import { waitFor } from './wait-for.js';

export type * from './stand-in-types.js';

const copy = (m: StandInMessage): StandInMessage => ({ ...m, files: [...m.files], history: [...m.history] });

/** Starts the stand-in on 127.0.0.1 (port 0 by default). */
export async function startSlackStandIn(options: SlackStandInOptions = {}): Promise<SlackStandIn> {
  const now = options.now ?? Date.now;
  const botToken = options.botToken ?? 'xoxb-stand-in';
  const appToken = options.appToken ?? 'xapp-1-A0STANDIN-1-stand-in';
  const hub = new StandInSocketHub();
  const bot = { userId: 'U0BOT', botId: 'B0BOT', name: 'kube-chatops' };
  const directory = new StandInDirectory('T0STANDIN');
  const store = new StandInMessages(now, bot, directory);
  const calls: RecordedCall[] = [];
  const failures = new Map<string, { failure: InjectedFailure; when?: (body: Record<string, unknown>) => boolean }[]>();
  const responseUrls = new Map<string, { channel: string; user: string; uses: number }>();
  const events = new EventEmitter();
  const limits = new StandInRateLimits(options.rateLimitScale ?? 1);
  let url = '';
  directory.addUser({ id: bot.userId, name: bot.name, isBot: true });
  for (const user of options.users ?? []) directory.addUser(user);
  for (const channel of options.channels ?? []) directory.addChannel(channel);
  for (const [id, members] of Object.entries(options.usergroups ?? {})) directory.setUsergroup(id, members);

  const methods: Record<string, (body: Record<string, unknown>) => ApiResult> = {
    'auth.test': () => ({
      ok: true,
      url: 'https://stand-in.slack.com/',
      team: 'Stand-in',
      user: bot.name,
      team_id: directory.teamId,
      user_id: bot.userId,
      bot_id: bot.botId,
      is_enterprise_install: false,
    }),
    'chat.postMessage': (b) => store.postMessage(b),
    'chat.update': (b) => store.update(b),
    'chat.postEphemeral': (b) => store.postEphemeral(b),
    'views.open': (b) => store.viewsOpen(b),
    'files.getUploadURLExternal': (b) => store.getUploadUrl(b, url),
    'files.completeUploadExternal': (b) => store.completeUpload(b),
    'users.info': (b) => directory.usersInfo(b),
    'usergroups.users.list': (b) => directory.usergroupsUsersList(b),
    'conversations.info': (b) => directory.conversationsInfo(b),
    'conversations.history': (b) => store.history(b),
    'conversations.replies': (b) => store.replies(b),
  };

  function injected(method: string, res: ServerResponse, body: Record<string, unknown> = {}): boolean {
    const queued = failures.get(method);
    const next = queued?.[0];
    if (next === undefined || (next.when !== undefined && !next.when(body))) return false;
    queued?.shift();
    const { failure } = next;
    if ('acceptThenDrop' in failure) {
      methods[method]?.(body);
      res.socket?.destroy();
    } else if ('acceptThenAnswerAfterMs' in failure) {
      const answer = methods[method]?.(body) ?? { ok: false, error: 'unknown_method' };
      setTimeout(() => {
        if (!res.destroyed && !res.writableEnded) sendJson(res, answer);
      }, failure.acceptThenAnswerAfterMs).unref();
    } else if ('error' in failure) sendJson(res, { ok: false, error: failure.error });
    else
      sendJson(
        res,
        { ok: false, error: failure.status === 429 ? 'ratelimited' : 'fatal_error' },
        failure.status,
        failure.retryAfter === undefined ? {} : { 'Retry-After': String(failure.retryAfter) },
      );
    return true;
  }

  function api(method: string, req: IncomingMessage, body: Record<string, unknown>, res: ServerResponse): void {
    if (injected(method, res, body)) return;
    // Slack counts limits per method and workspace (per channel for chat.postMessage), before anything else.
    const retryAfter = limits.take(method, typeof body['channel'] === 'string' ? body['channel'] : undefined);
    if (retryAfter !== null) return sendJson(res, { ok: false, error: 'ratelimited' }, 429, { 'Retry-After': String(retryAfter) });
    const token = tokenOf(req, body);
    if (token === undefined) return sendJson(res, { ok: false, error: 'not_authed' });
    if (method === 'apps.connections.open') {
      if (token !== appToken) return sendJson(res, { ok: false, error: token === botToken ? 'not_allowed_token_type' : 'invalid_auth' });
      return sendJson(res, { ok: true, url: `${url.replace('http:', 'ws:')}socket/${store.id('W')}` });
    }
    if (token === appToken) return sendJson(res, { ok: false, error: 'not_allowed_token_type' });
    if (token !== botToken) return sendJson(res, { ok: false, error: 'invalid_auth' });
    const handler = methods[method];
    sendJson(res, handler === undefined ? { ok: false, error: 'unknown_method', req_method: method } : handler(body));
  }

  function respond(id: string, body: Record<string, unknown>, res: ServerResponse): void {
    if (injected('response_url', res)) return;
    const target = responseUrls.get(id);
    if (target === undefined || target.uses >= 5) return sendJson(res, { ok: false, error: 'expired_url' }, 404);
    target.uses += 1;
    if (body['response_type'] === 'in_channel')
      store.post(target.channel, String(body['text'] ?? ''), Array.isArray(body['blocks']) ? body['blocks'] : undefined);
    else store.postEphemeral({ ...body, channel: target.channel, user: target.user }, 'response_url');
    sendJson(res, { ok: true });
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const [, kind, name] = path.split('/');
    const raw = await readBody(req);
    const contentType = req.headers['content-type'];
    if (req.method !== 'POST' || kind === undefined || name === undefined || name === '')
      return sendJson(res, { ok: false, error: 'not_found' }, 404);
    if (kind === 'upload') {
      const content = uploadContent(contentType, raw).toString('utf8');
      calls.push({ method: 'upload_url', body: { file_id: name, length: Buffer.byteLength(content), content }, at: now() });
      if (injected('upload_url', res)) return;
      if (!store.receiveUpload(name, content)) return sendJson(res, { ok: false, error: 'file_not_found' }, 404);
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(`OK - ${Buffer.byteLength(content)}`);
      return;
    }
    const body = parseApiBody(contentType, raw);
    const method = kind === 'response' ? 'response_url' : name;
    const call: RecordedCall = { method, body: Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'token')), at: now() };
    calls.push(call);
    res.once('finish', () => (call.status = res.statusCode));
    if (kind === 'api') return api(name, req, body, res);
    if (kind === 'response') return respond(name, body, res);
    sendJson(res, { ok: false, error: 'not_found' }, 404);
  }

  const server = createServer((req, res) => {
    route(req, res)
      .catch(() => sendJson(res, { ok: false, error: 'invalid_request' }, 400))
      .finally(() => events.emit('call'));
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    if ((req.url ?? '').startsWith('/socket/')) hub.upgrade(req, socket);
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  url = `http://127.0.0.1:${port}/`;

  return {
    url,
    apiUrl: `${url}api/`,
    port,
    botToken,
    appToken,
    teamId: directory.teamId,
    botUserId: bot.userId,
    botId: bot.botId,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    rateLimited: () => calls.filter((c) => c.status === 429),
    messages: (channel) => store.messages.filter((m) => m.channel === channel && m.threadTs === undefined).map(copy),
    thread: (channel, ts) => store.messages.filter((m) => m.channel === channel && (m.ts === ts || m.threadTs === ts)).map(copy),
    ephemerals: (channel) => store.ephemerals.filter((e) => e.channel === channel),
    files: (channel) => [...store.files.values()].filter((f) => f.channel === channel && f.uploaded).map(({ uploaded: _u, ...f }) => f),
    views: () => [...store.views],
    responseUrl(channel, user) {
      const id = store.id('R');
      responseUrls.set(id, { channel, user, uses: 0 });
      return `${url}response/${id}`;
    },
    addUser: (user) => directory.addUser(user),
    setUsergroup: (id, members) => directory.setUsergroup(id, members),
    addChannel: (channel) => directory.addChannel(channel),
    failNext(method, failure, times = 1, when) {
      const entry = when === undefined ? { failure } : { failure, when };
      failures.set(method, [...(failures.get(method) ?? []), ...Array.from({ length: times }, () => entry)]);
    },
    waitFor: (probe, timeoutMs = 5000) => waitFor(events, calls, probe, timeoutMs),
    socketConnected: () => hub.connected(),
    socketSlashCommand: (input) => hub.push('slash_commands', Object.fromEntries(new URLSearchParams(slashCommandForm(input)))),
    socketBlockAction: (input) => hub.push('interactive', blockActionPayload(input)),
    socketViewSubmission: (input) => hub.push('interactive', viewSubmissionPayload(input)),
    close: () =>
      new Promise<void>((resolve, reject) => {
        hub.close();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
