import { readFileSync } from 'node:fs';
import type { RawJson } from '../../../src/core/cluster.js';
import { renderClusterList } from '../../../src/render/cluster-list-table.js';

const fixture = (name: string): string => readFileSync(new URL(`../openstack/fixtures/${name}`, import.meta.url), 'utf8');

describe('renderClusterList', () => {
  test('prints the clusters byte for byte as the real `openstack coe cluster list`', () => {
    const { clusters } = JSON.parse(fixture('magnum-clusters-list.json')) as { clusters: RawJson[] };
    expect(renderClusterList(clusters)).toEqual(fixture('cli-list.txt'));
  });

  test('returns an empty string when there are no clusters', () => {
    expect(renderClusterList([])).toEqual('');
  });

  test('leaves a missing column empty and left-aligns counts when the first row has none', () => {
    const out = renderClusterList([
      { uuid: 'u1', name: 'a', node_count: null },
      { uuid: 'u2', name: 'b', node_count: 12 },
    ]);
    expect(out.split('\n')[3]).toEqual('| u1   | a    |         | None       |              |        |               |');
    expect(out.split('\n')[4]).toEqual('| u2   | b    |         | 12         |              |        |               |');
  });
});
