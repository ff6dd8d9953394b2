import { readFileSync } from 'node:fs';
import type { RawJson } from '../../../src/core/cluster.js';
import { CLUSTER_ATTRIBUTES, renderClusterShow } from '../../../src/render/cluster-show-table.js';

// Real Magnum (Zed) bodies and the real `openstack coe cluster show` output (research/real-peers-captures).
const fixture = (name: string): string => readFileSync(new URL(`../openstack/fixtures/${name}`, import.meta.url), 'utf8');
const json = (name: string): RawJson => JSON.parse(fixture(name)) as RawJson;

describe('renderClusterShow', () => {
  test('prints a healthy cluster byte for byte as the real CLI, faults absent as an empty cell', () => {
    expect(renderClusterShow(json('magnum-cluster-demo3-k8s.json'))).toEqual(fixture('cli-show-demo3.txt'));
  });

  test('prints a failed cluster byte for byte as the real CLI, with its empty faults dict', () => {
    expect(renderClusterShow(json('magnum-cluster-prod-k8s.json'))).toEqual(fixture('cli-show-failed.txt'));
  });

  test('prints the 33 rows in the client order whatever the JSON key order', () => {
    const raw = json('magnum-cluster-prod-k8s.json');
    const reversed = Object.fromEntries(Object.entries(raw).reverse());
    const names = renderClusterShow(reversed)
      .split('\n')
      .slice(3, -2)
      .map((line) => line.split('|')[1]?.trim());
    expect(names).toEqual([...CLUSTER_ATTRIBUTES]);
  });

  test('keeps the dict key order the server sent', () => {
    const out = renderClusterShow({ labels: { z: '1', a: '2' } });
    expect(out).toContain("| labels               | {'z': '1', 'a': '2'} |");
  });

  test('prints a multi-line status reason over several lines', () => {
    const out = renderClusterShow({ status_reason: 'first\nsecond' });
    expect(out).toContain('| status_reason        | first  |\n|                      | second |\n');
  });
});
