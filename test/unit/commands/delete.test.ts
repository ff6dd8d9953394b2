import { del } from '../../../commands/delete.js';
import { ORIGIN, runSlash } from './command-kit.js';

describe('/kube delete', () => {
  it('enqueues only the preview: nothing is deleted before Confirm', async () => {
    const { enqueued } = await runSlash([del], 'delete old-lab');

    expect(enqueued.map((e) => [e.name, e.data])).toEqual([['cluster-delete-preview', { ...ORIGIN, cluster: 'old-lab' }]]);
  });

  it.each([
    ['delete', 'The cluster name is missing.'],
    ['delete a b', 'Unexpected argument `b`'],
    ['delete -x', 'Unknown option'],
  ])('rejects `%s`', async (text, problem) => {
    const { enqueued, replies } = await runSlash([del], text);

    expect(replies[0]?.text).toContain(problem);
    expect(enqueued).toEqual([]);
  });

  it('needs the operator role', async () => {
    const { enqueued } = await runSlash([del], 'delete old-lab', 'viewer');

    expect(enqueued).toEqual([]);
  });
});
