import { flattenResources, stackLink } from '../../../src/openstack/heat-resources.js';
import type { ResourceBody } from '../../../src/openstack/heat-schema.js';
import { toClusterSummary, toLabels } from '../../../src/openstack/magnum-map.js';

const res = (name: string, extra: Partial<ResourceBody> = {}): ResourceBody => ({
  resource_name: name,
  resource_type: 'T',
  resource_status: 'CREATE_COMPLETE',
  ...extra,
});

describe('flattenResources', () => {
  test('falls back to parent_resource names when the server sends no links', () => {
    const nestedLink = (id: string) => [{ rel: 'nested', href: `http://h/v1/p/stacks/n-${id}/${id}` }];
    const out = flattenResources(
      [res('network', { links: nestedLink('net') }), res('private_subnet', { parent_resource: 'network' })],
      'top',
    );
    expect(out.map((r) => [r.name, r.parent, r.path, r.stackName])).toEqual([
      ['network', null, ['network'], 'top'],
      ['private_subnet', 'network', ['network', 'private_subnet'], 'top'],
    ]);
  });

  test('survives a resource that claims to own its own stack', () => {
    const loop = res('odd', {
      links: [
        { rel: 'stack', href: 'http://h/v1/p/stacks/s/1' },
        { rel: 'nested', href: 'http://h/v1/p/stacks/s/1' },
      ],
    });
    expect(flattenResources([loop], 'top')[0]?.path).toEqual(['odd']);
  });

  test('reads Heat times without a zone as UTC and keeps empty physical ids as null', () => {
    const [r] = flattenResources([res('a', { updated_time: '2026-11-21T12:00:00', physical_resource_id: '' })], 'top');
    expect([r?.updatedAt, r?.physicalId]).toEqual([Date.parse('2026-11-21T12:00:00Z'), null]);
  });
});

describe('stackLink', () => {
  test('decodes the stack name and id of a link', () => {
    expect(stackLink(res('a', { links: [{ rel: 'stack', href: 'http://h/v1/p/stacks/my%20stack/abc?x=1' }] }), 'stack')).toEqual({
      name: 'my stack',
      id: 'abc',
    });
  });
});

describe('Magnum mapping', () => {
  test('reads cluster_id when a 1.13 server sends it instead of stack_id', () => {
    expect(toClusterSummary({ uuid: 'u', cluster_id: 'capi-abc12' }).stackId).toEqual('capi-abc12');
  });

  test('turns non-string label values into strings', () => {
    expect(toLabels({ a: 'x', b: 3, c: true })).toEqual({ a: 'x', b: '3', c: 'true' });
  });
});
