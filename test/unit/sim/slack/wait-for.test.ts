import { EventEmitter } from 'node:events';
import { waitFor } from '../../../../src/sim/slack/wait-for.js';

describe('the stand-in waitFor', () => {
  it('resolves with the probe value once it holds, after a call', async () => {
    const events = new EventEmitter();
    const state: { value?: string } = {};
    const waiting = waitFor(events, [], () => state.value, 1_000);
    state.value = 'seen';
    events.emit('call');
    await expect(waiting).resolves.toBe('seen');
  });

  it('refuses a probe that answers with a Promise: it would hold at once, before anything happened', async () => {
    const probe = (async () => false) as unknown as () => boolean;
    await expect(waitFor(new EventEmitter(), [], probe, 1_000)).rejects.toThrow('the probe must answer synchronously');
  });

  it('rejects after the timeout, naming the last calls', async () => {
    const calls = [{ method: 'chat.postMessage' }] as never;
    await expect(waitFor(new EventEmitter(), calls, () => false, 30)).rejects.toThrow('last calls: chat.postMessage');
  });
});
