import { ticket } from '../../../commands/ticket.js';
import { ORIGIN, runSlash } from './command-kit.js';

describe('/kube ticket', () => {
  it('enqueues ticket-attach for the cluster, like the button', async () => {
    const { enqueued } = await runSlash([ticket], 'ticket prod-a', 'viewer');

    expect(enqueued).toEqual([
      { name: 'ticket-attach', data: { ...ORIGIN, cluster: 'prod-a' }, options: { jobId: 'ticket-attach-C1-123.456.abc' } },
    ]);
  });

  it.each([
    ['ticket', 'The cluster name is missing.'],
    ['ticket prod-a now', 'Unexpected argument `now`.'],
  ])('rejects `%s` without enqueueing', async (text, problem) => {
    const { enqueued, replies } = await runSlash([ticket], text);

    expect(replies[0]?.text).toContain(problem);
    expect(enqueued).toEqual([]);
  });
});
