import { pods } from '../../../commands/pods.js';
import { ORIGIN, runSlash } from './command-kit.js';

describe('/kube pods', () => {
  it('enqueues the whole-cluster view by default', async () => {
    const { enqueued } = await runSlash([pods], 'pods prod-a');

    expect(enqueued.map((e) => [e.name, e.data])).toEqual([['cluster-pods', { ...ORIGIN, cluster: 'prod-a', problemsOnly: false }]]);
  });

  it('takes -n and --problems', async () => {
    const { enqueued } = await runSlash([pods], 'pods prod-a -n kube-system --problems');

    expect(enqueued[0]?.data).toEqual({ ...ORIGIN, cluster: 'prod-a', namespace: 'kube-system', problemsOnly: true });
  });

  it.each([
    ['pods prod-a -n', 'Option `--namespace` needs a value.'],
    ['pods prod-a -n Kube_System', '`Kube_System` is not a valid namespace'],
    ['pods prod-a --problems=yes', 'Option `--problems` takes no value.'],
    ['pods', 'The cluster name is missing.'],
  ])('rejects `%s` without enqueueing', async (text, problem) => {
    const { enqueued, replies } = await runSlash([pods], text);

    expect(replies[0]?.text).toContain(problem);
    expect(enqueued).toEqual([]);
  });
});
