import { diagnose } from '../../../commands/diagnose.js';
import { ORIGIN, runSlash } from './command-kit.js';

describe('/kube diagnose', () => {
  it('enqueues one cluster-diagnose job with the cluster and a manual reason', async () => {
    const { enqueued } = await runSlash([diagnose], 'diagnose prod-a');

    expect(enqueued).toEqual([
      {
        name: 'cluster-diagnose',
        data: { ...ORIGIN, cluster: 'prod-a', reason: 'manual' },
        options: { jobId: 'cluster-diagnose-C1-123.456.abc' },
      },
    ]);
  });

  it.each([
    ['diagnose', 'The cluster name is missing.'],
    ['diagnose prod-a extra', 'Unexpected argument `extra`.'],
    ['diagnose 9lives', '`9lives` is not a valid cluster name'],
    ['diagnose prod-a --json', 'Unknown option `--json`.'],
  ])('answers `%s` with a usage error naming the problem and enqueues nothing', async (text, problem) => {
    const { enqueued, replies, planned } = await runSlash([diagnose], text);

    expect(planned).toBe('reply');
    expect(replies[0]?.text).toContain(problem);
    expect(replies[0]?.text).toContain('Usage: /kube diagnose NAME');
    expect(enqueued).toEqual([]);
  });
});
