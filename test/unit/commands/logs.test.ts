import { logs } from '../../../commands/logs.js';
import { ORIGIN, runSlash } from './command-kit.js';

describe('/kube logs', () => {
  it('enqueues the pod log with the default tail of 200 lines', async () => {
    const { enqueued } = await runSlash([logs], 'logs prod-a kube-system/coredns-1');

    expect(enqueued.map((e) => [e.name, e.data])).toEqual([
      ['pod-logs', { ...ORIGIN, cluster: 'prod-a', namespace: 'kube-system', pod: 'coredns-1', previous: false, tail: 200 }],
    ]);
  });

  it('takes the container, the previous run and the tail', async () => {
    const { enqueued } = await runSlash([logs], 'logs prod-a web/api-0 -c app --previous --tail 50');

    expect(enqueued[0]?.data).toEqual({
      ...ORIGIN,
      cluster: 'prod-a',
      namespace: 'web',
      pod: 'api-0',
      container: 'app',
      previous: true,
      tail: 50,
    });
  });

  it.each([
    ['logs prod-a', 'The pod (NAMESPACE/POD) is missing.'],
    ['logs prod-a coredns-1', 'Give the pod as NAMESPACE/POD, not `coredns-1`.'],
    ['logs prod-a a/b/c', 'Give the pod as NAMESPACE/POD'],
    ['logs prod-a web/', 'is not a valid pod'],
    ['logs prod-a web/api-0 --tail ten', 'The `--tail` value must be a number.'],
    ['logs prod-a web/api-0 --tail 0', 'The `--tail` value must be at least 1.'],
    ['logs prod-a web/<!channel>', 'is not a valid object name'],
  ])('rejects `%s` without enqueueing', async (text, problem) => {
    const { enqueued, replies } = await runSlash([logs], text);

    expect(replies[0]?.text).toContain(problem);
    expect(enqueued).toEqual([]);
  });
});
