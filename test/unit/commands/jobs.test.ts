import { jobs } from '../../../commands/jobs.js';
import { ORIGIN, runSlash } from './command-kit.js';

describe('/kube jobs', () => {
  it('enqueues channel-jobs for a viewer too', async () => {
    const { enqueued } = await runSlash([jobs], 'jobs', 'viewer');

    expect(enqueued.map((e) => [e.name, e.data])).toEqual([['channel-jobs', ORIGIN]]);
  });

  it('takes no arguments', async () => {
    const { enqueued, replies } = await runSlash([jobs], 'jobs all');

    expect(replies[0]?.text).toContain('Unexpected argument `all`');
    expect(enqueued).toEqual([]);
  });
});
