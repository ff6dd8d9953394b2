import { consoleLog } from '../../../commands/console.js';
import { ORIGIN, runSlash } from './command-kit.js';

describe('/kube console', () => {
  it('enqueues the console tail of a node, 50 lines by default', async () => {
    const { enqueued } = await runSlash([consoleLog], 'console prod-a prod-a-x7k2-node-0');

    expect(enqueued.map((e) => [e.name, e.data])).toEqual([
      ['node-console', { ...ORIGIN, cluster: 'prod-a', node: 'prod-a-x7k2-node-0', lines: 50 }],
    ]);
  });

  it('takes --lines', async () => {
    const { enqueued } = await runSlash([consoleLog], 'console prod-a prod-a-x7k2-master-0 --lines 200');

    expect(enqueued[0]?.data).toEqual({ ...ORIGIN, cluster: 'prod-a', node: 'prod-a-x7k2-master-0', lines: 200 });
  });

  it.each([
    ['console prod-a', 'missing'],
    ['console prod-a n0 --lines ten', 'The `--lines` value must be a number.'],
    ['console prod-a n0 --lines 0', 'The `--lines` value must be at least 1.'],
    ['console prod-a n0 --lines 5000', 'The `--lines` value is at most 1000 lines.'],
    ['console prod-a <!channel>', 'is not a valid object name'],
  ])('rejects `%s` without enqueueing', async (text, problem) => {
    const { enqueued, replies } = await runSlash([consoleLog], text);

    expect(replies[0]?.text).toContain(problem);
    expect(enqueued).toEqual([]);
  });

  it('is for operators: a viewer is refused, nothing enqueued', async () => {
    const { enqueued, replies } = await runSlash([consoleLog], 'console prod-a prod-a-x7k2-node-0', 'viewer');

    expect(replies[0]?.text).toMatch(/operator/);
    expect(enqueued).toEqual([]);
  });
});
