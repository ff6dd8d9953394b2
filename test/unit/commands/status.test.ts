import { status } from '../../../commands/status.js';
import { ORIGIN, runSlash } from './command-kit.js';

describe('/kube status', () => {
  it('enqueues app-status for the application', async () => {
    const { enqueued } = await runSlash([status], 'status kolla-bootstrap-volume mariadb');

    expect(enqueued.map((e) => [e.name, e.data])).toEqual([
      ['app-status', { ...ORIGIN, cluster: 'kolla-bootstrap-volume', app: 'mariadb' }],
    ]);
  });

  it.each([
    ['status kolla', 'The application name (APP) is missing.'],
    ['status kolla MariaDB', '`MariaDB` is not a valid object name'],
    ['status kolla mariadb keystone', 'Unexpected argument `keystone`.'],
  ])('rejects `%s` without enqueueing', async (text, problem) => {
    const { enqueued, replies } = await runSlash([status], text);

    expect(replies[0]?.text).toContain(problem);
    expect(enqueued).toEqual([]);
  });
});
