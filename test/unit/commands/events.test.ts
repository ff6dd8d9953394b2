import { events } from '../../../commands/events.js';
import { ORIGIN, runSlash } from './command-kit.js';

describe('/kube events', () => {
  it('enqueues cluster-events, with the namespace when given', async () => {
    const all = await runSlash([events], 'events prod-a');
    const one = await runSlash([events], 'events prod-a --namespace kolla');

    expect(all.enqueued[0]?.data).toEqual({ ...ORIGIN, cluster: 'prod-a' });
    expect(one.enqueued.map((e) => [e.name, e.data])).toEqual([['cluster-events', { ...ORIGIN, cluster: 'prod-a', namespace: 'kolla' }]]);
  });

  it.each([
    ['events', 'The cluster name is missing.'],
    ['events prod-a kolla', 'Unexpected argument `kolla`.'],
  ])('rejects `%s` without enqueueing', async (text, problem) => {
    const { enqueued, replies } = await runSlash([events], text);

    expect(replies[0]?.text).toContain(problem);
    expect(enqueued).toEqual([]);
  });
});
