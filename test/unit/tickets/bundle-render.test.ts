import { renderClusterShow } from '../../../src/render/cluster-show-table.js';
import { REDACTED } from '../../../src/security/redact.js';
import { buildBundle } from '../../../src/tickets/bundle.js';
import { bundleInput, cluster } from './bundle-fixtures.js';

describe('a bundle built from the rendered cluster show table', () => {
  const c = cluster();
  c.raw = { ...c.raw, labels: { kube_tag: 'v1.27.4', grafana_admin_passwd: 'correct-horse-battery-staple-1' } };
  const dump = renderClusterShow(c.raw);
  const bundle = buildBundle(bundleInput({ cluster: c, showDump: dump }));

  it('changes only the secret label and the discovery_url rows, keeping their width', () => {
    const rendered = dump.trimEnd().split('\n');
    const lines = bundle.text.split('\n');
    const start = lines.indexOf(rendered[0] ?? '');
    const changed = rendered.flatMap((line, i) => (lines[start + i] === line ? [] : [lines[start + i]]));
    expect(changed.map((line) => line?.split('|')[1]?.trim())).toEqual(['labels', 'discovery_url']);
    expect(changed.map((line) => line?.length)).toEqual([rendered[0]?.length, rendered[0]?.length]);
    expect(changed[0]).toContain(`'grafana_admin_passwd': '${REDACTED}'`);
    expect(bundle.text).not.toContain('correct-horse-battery-staple-1');
  });
});
