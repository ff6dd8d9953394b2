import { watch } from '../../../commands/watch.js';
import { ORIGIN, runSlash } from './command-kit.js';

describe('/kube watch', () => {
  it.each([
    ['watch prod-a', 'on'],
    ['watch prod-a off', 'off'],
  ])('enqueues cluster-watch for `%s`', async (text, mode) => {
    const { enqueued } = await runSlash([watch], text, 'operator');

    expect(enqueued.map((e) => [e.name, e.data])).toEqual([['cluster-watch', { ...ORIGIN, cluster: 'prod-a', mode }]]);
  });

  it.each(['watch prod-a', 'watch prod-a off'])('refuses `%s` to a viewer, clearly, and starts nothing', async (text) => {
    const { enqueued, replies, audited } = await runSlash([watch], text, 'viewer');

    expect(replies[0]?.text).toContain('You need the operator role.');
    expect(enqueued).toEqual([]);
    expect(audited.map((r) => r.decision)).toEqual(['denied']);
  });

  it('rejects anything but off', async () => {
    const { enqueued, replies } = await runSlash([watch], 'watch prod-a stop');

    expect(replies[0]?.text).toContain('Expected `off` (or nothing), not `stop`.');
    expect(enqueued).toEqual([]);
  });
});
