import { paginate } from '../../../../../src/sim/cloud/kube/kube-paging.js';
import { parseFieldSelector, parseLabelSelector } from '../../../../../src/sim/cloud/kube/kube-selectors.js';
import type { SimObject } from '../../../../../src/sim/cloud/kube/kube-types.js';
import { humanDuration } from '../../../../../src/sim/cloud/kube/pod-printer.js';

const obj = (name: string, labels: Record<string, string>, nodeName?: string): SimObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'ns', uid: name, creationTimestamp: '2026-01-01T00:00:00Z', labels },
  spec: nodeName ? { nodeName } : {},
});

describe('list queries of the simulated API server', () => {
  const items = [obj('a', { app: 'web', tier: 'fe' }, 'n0'), obj('b', { app: 'db' }, 'n1'), obj('c', {}, 'n0')];
  const names = (pred: (o: SimObject) => boolean) => items.filter(pred).map((o) => o.metadata.name);

  it.each([
    ['app=web', ['a']],
    ['app==web', ['a']],
    ['app!=web', ['b', 'c']],
    ['app', ['a', 'b']],
    ['!app', ['c']],
    ['app in (web,db)', ['a', 'b']],
    ['app notin (web)', ['b', 'c']],
    ['app=web,tier=fe', ['a']],
    ['', ['a', 'b', 'c']],
  ])('selects labels %s', (selector, expected) => {
    expect(names(parseLabelSelector(selector))).toEqual(expected);
  });

  it.each([
    ['spec.nodeName=n0', ['a', 'c']],
    ['spec.nodeName!=n0', ['b']],
    ['metadata.name=b,metadata.namespace=ns', ['b']],
    ['status.phase=Running', []],
  ])('selects fields %s', (selector, expected) => {
    expect(names(parseFieldSelector(selector))).toEqual(expected);
  });

  it('rejects a garbled field selector with a 400', () => {
    expect(() => parseFieldSelector('nonsense')).toThrow(expect.objectContaining({ code: 400 }));
  });

  it('pages with limit and continue until the last page, which has no token', () => {
    const first = paginate(items, '2', null, '9');
    expect(first.items.map((o) => o.metadata.name)).toEqual(['a', 'b']);
    expect(first.metadata.remainingItemCount).toBe(1);
    const second = paginate(items, '2', first.metadata.continue ?? null, '9');
    expect(second.items.map((o) => o.metadata.name)).toEqual(['c']);
    expect(second.metadata.continue).toBeUndefined();
  });

  it.each([
    [59_000, '59s'],
    [119_000, '119s'],
    [150_000, '2m30s'],
    [31 * 60_000, '31m'],
    [200 * 60_000, '3h20m'],
    [10 * 3_600_000, '10h'],
    [50 * 3_600_000, '2d2h'],
    [10 * 86_400_000, '10d'],
  ])('prints an age of %i ms as %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});
