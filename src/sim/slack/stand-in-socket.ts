import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { acceptKey, decodeFrames, encodeFrame, OPCODE } from './websocket-frames.js';

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

/**
 * Socket Mode, Slack side: a WebSocket per `apps.connections.open` URL that says `hello`,
 * answers pings, pings every 10 s (the SDK drops a silent link after 30 s), pushes envelopes
 * and hands back the app's ack payload.
 */
export class StandInSocketHub {
  private readonly sockets = new Set<Duplex>();
  private readonly pending = new Map<string, (payload: unknown) => void>();
  private readonly timers = new Set<NodeJS.Timeout>();

  /** Whether an app is connected. */
  connected(): boolean {
    return this.sockets.size > 0;
  }

  /** Completes the handshake for `GET /socket/<id>` and keeps the socket. */
  upgrade(req: IncomingMessage, socket: Duplex): void {
    const key = req.headers['sec-websocket-key'];
    if (typeof key !== 'string') {
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptKey(key)}\r\n\r\n`,
    );
    this.sockets.add(socket);
    let buffered: Buffer = Buffer.alloc(0);
    let message: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => {
      const { frames, rest } = decodeFrames(Buffer.concat([buffered, chunk]));
      buffered = rest;
      for (const frame of frames) {
        if (frame.opcode === OPCODE.ping) socket.write(encodeFrame(OPCODE.pong, frame.payload));
        else if (frame.opcode === OPCODE.close) this.drop(socket, frame.payload);
        else if (frame.opcode === OPCODE.text || frame.opcode === OPCODE.continuation) {
          message.push(frame.payload);
          if (frame.fin) {
            this.receive(Buffer.concat(message).toString('utf8'));
            message = [];
          }
        }
      }
    });
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => this.sockets.delete(socket));
    const ping = setInterval(() => socket.write(encodeFrame(OPCODE.ping, Buffer.from('stand-in'))), 10_000);
    ping.unref();
    this.timers.add(ping);
    socket.once('close', () => clearInterval(ping));
    this.sendText(socket, {
      type: 'hello',
      num_connections: this.sockets.size,
      connection_info: { app_id: 'A0STANDIN' },
      debug_info: { host: 'stand-in' },
    });
  }

  /** Pushes an envelope to one connected app and resolves with its ack payload. */
  push(type: EnvelopeType, payload: object, timeoutMs = 5000): Promise<unknown> {
    const [socket] = this.sockets;
    if (socket === undefined) return Promise.reject(new Error('no Socket Mode app is connected'));
    const envelopeId = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelopeId);
        reject(new Error(`Socket Mode app did not ack ${type} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(envelopeId, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
      this.sendText(socket, { envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api' });
    });
  }

  close(): void {
    for (const timer of this.timers) clearInterval(timer);
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  private receive(text: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof parsed !== 'object' || parsed === null) return;
    const { envelope_id: id, payload } = parsed as { envelope_id?: unknown; payload?: unknown };
    if (typeof id !== 'string') return;
    this.pending.get(id)?.(payload ?? {});
    this.pending.delete(id);
  }

  private drop(socket: Duplex, reason: Buffer): void {
    socket.end(encodeFrame(OPCODE.close, reason.subarray(0, 2)));
    this.sockets.delete(socket);
  }

  private sendText(socket: Duplex, body: object): void {
    socket.write(encodeFrame(OPCODE.text, Buffer.from(JSON.stringify(body))));
  }
}
