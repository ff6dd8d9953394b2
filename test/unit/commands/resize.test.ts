import { resize } from '../../../commands/resize.js';
import { ORIGIN, runSlash } from './command-kit.js';

describe('/kube resize', () => {
  it.each([
    ['resize prod-a --nodes 5', { cluster: 'prod-a', nodes: 5 }],
    ['resize prod-a -n 0 --nodegroup gpu', { cluster: 'prod-a', nodes: 0, nodegroup: 'gpu' }],
  ])('enqueues cluster-resize for `%s`', async (text, args) => {
    const { enqueued } = await runSlash([resize], text);

    expect(enqueued.map((e) => [e.name, e.data])).toEqual([['cluster-resize', { ...ORIGIN, ...args }]]);
  });

  it.each([
    ['resize prod-a', '`--nodes N` is required.'],
    ['resize prod-a --nodes many', '`--nodes` must be a whole number.'],
    ['resize prod-a --nodes 2 --nodegroup "a b"', 'not a valid nodegroup name'],
  ])('rejects `%s`', async (text, problem) => {
    const { enqueued, replies } = await runSlash([resize], text);

    expect(replies[0]?.text).toContain(problem);
    expect(enqueued).toEqual([]);
  });

  it('needs the operator role', async () => {
    const { enqueued } = await runSlash([resize], 'resize prod-a --nodes 5', 'viewer');

    expect(enqueued).toEqual([]);
  });
});
