import { EventEmitter } from 'node:events';
import { createSilentLogger } from '../../../src/logging/logger.js';
import { onShutdownSignals, type SignalSource } from '../../../src/queue/shutdown.js';

function setup(handlers: Array<() => Promise<void>>, timeoutMs = 10_000) {
  const source = new EventEmitter();
  const exits: number[] = [];
  const exited = new Promise<void>((resolve) => {
    const control = onShutdownSignals(handlers, createSilentLogger(), {
      source: source as unknown as SignalSource,
      timeoutMs,
      exit: (code) => {
        exits.push(code);
        resolve();
      },
    });
    void control;
  });
  return { source, exits, exited };
}

describe('shutdown on signals', () => {
  it('closes everything in order once on SIGTERM, then exits 0', async () => {
    const order: string[] = [];
    const { source, exits, exited } = setup([
      async () => void order.push('http'),
      async () => void order.push('workers'),
      async () => void order.push('redis'),
    ]);

    source.emit('SIGTERM');
    await exited;

    expect({ order, exits }).toEqual({ order: ['http', 'workers', 'redis'], exits: [0] });
    expect(source.listenerCount('SIGTERM') + source.listenerCount('SIGINT')).toBe(0);
  });

  it('keeps closing the rest when one step fails, and exits 1', async () => {
    const order: string[] = [];
    const { source, exits, exited } = setup([
      async () => {
        throw new Error('already closed');
      },
      async () => void order.push('redis'),
    ]);

    source.emit('SIGINT');
    await exited;

    expect({ order, exits }).toEqual({ order: ['redis'], exits: [1] });
  });

  it('exits 1 when closing takes longer than the time limit', async () => {
    const { source, exits, exited } = setup([() => new Promise<void>(() => undefined)], 20);

    source.emit('SIGTERM');
    await exited;

    expect(exits).toEqual([1]);
  });

  it('exits at once on a second signal while closing', async () => {
    const { source, exits, exited } = setup([() => new Promise<void>(() => undefined)]);

    source.emit('SIGTERM');
    source.emit('SIGINT');
    await exited;

    expect(exits).toEqual([1]);
  });
});
