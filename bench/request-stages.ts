/**
 * Where one request's time goes, seen from outside the bot: the HTTP servers of this process
 * (the bot's, the simulated cloud's, the Slack stand-in's) report each request and response on
 * node's diagnostics channels, so the bot itself carries no timing code. A sample's marks are
 * the first time each was seen after `begin()`.
 */
import diagnostics from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';

export interface StageMarks {
  /** The bot wrote its ack (signature checked, replay guard claimed). */
  acked?: number;
  /** The simulated Magnum got the cluster list request (router, enqueue, worker pick-up, Keystone token before it). */
  magnumAsked?: number;
  /** The simulated Magnum finished its answer. */
  magnumAnswered?: number;
  /** The Slack stand-in got chat.postMessage (parse, render, the outbox before it). */
  postArrived?: number;
}

interface ServerMessage {
  request: IncomingMessage;
}

export interface StageRecorder {
  /** Starts a sample's marks (ms since `performance.timeOrigin`, like performance.now()). */
  begin(): void;
  /** The marks of the sample begun last. */
  marks(): StageMarks;
  close(): void;
}

export function recordStages(): StageRecorder {
  let current: StageMarks = {};
  const path = (message: unknown) => (message as ServerMessage).request.url ?? '';
  const onRequest = (message: unknown): void => {
    const url = path(message);
    if (url.endsWith('/clusters/detail')) current.magnumAsked ??= performance.now();
    else if (url.endsWith('/chat.postMessage')) current.postArrived ??= performance.now();
  };
  const onResponse = (message: unknown): void => {
    const url = path(message);
    if (url.startsWith('/slack/events')) current.acked ??= performance.now();
    else if (url.endsWith('/clusters/detail')) current.magnumAnswered ??= performance.now();
  };
  diagnostics.subscribe('http.server.request.start', onRequest);
  diagnostics.subscribe('http.server.response.finish', onResponse);
  return {
    begin() {
      current = {};
    },
    marks: () => current,
    close() {
      diagnostics.unsubscribe('http.server.request.start', onRequest);
      diagnostics.unsubscribe('http.server.response.finish', onResponse);
    },
  };
}
