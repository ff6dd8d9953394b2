/** The conformance suite's own helpers: shapes, masking of allowed differences, the rc file, the env variable. */
import { describe, expect, it } from '@jest/globals';
import { PEERS_RC_ENV, peersRcPath } from '../helpers/peers-env.js';
import { comparable } from './allowed-differences.js';
import { keyOrder, maskPath, shapeOf } from './shape.js';
import { parseRc } from './targets.js';
import type { StepRecord } from './wire.js';

describe('shapeOf', () => {
  it('keeps keys and replaces values by their kind, keeping protocol values verbatim', () => {
    const body = {
      uuid: '0b8c7f0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e',
      name: 'prod',
      node_count: 3,
      status: 'CREATE_COMPLETE',
      created_at: '2026-11-21T12:53:40+00:00',
      api_address: 'https://172.24.4.10:6443',
      project_id: '3f1d0c2b4a5e6f708192a3b4c5d6e7f8',
      labels: { kube_tag: 'v1.27.4', boot: 'x' },
      master_addresses: ['172.24.4.10', '172.24.4.11'],
      faults: null,
      links: [{ href: 'http://x/v1/clusters/1', rel: 'self' }],
      master_lb_enabled: false,
    };
    expect(shapeOf(body)).toEqual({
      uuid: '<uuid>',
      name: '<string>',
      node_count: '<int>',
      status: '=CREATE_COMPLETE',
      created_at: '<timestamp>',
      api_address: '<url>',
      project_id: '<hex-id>',
      labels: { '<map>': ['<string>'] },
      master_addresses: ['<string>'],
      faults: 'null',
      links: [{ href: '<url>', rel: '=self' }],
      master_lb_enabled: '<boolean>',
    });
  });

  it('normalises uuids inside verbatim values, so error titles compare across runs', () => {
    expect(shapeOf({ title: 'Cluster 0b8c7f0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e could not be found' })).toEqual({
      title: '=Cluster <uuid> could not be found',
    });
  });

  it('lists the top-level keys in the server’s order', () => {
    expect(keyOrder({ b: 1, a: 2 })).toEqual(['b', 'a']);
    expect(keyOrder(null)).toEqual([]);
  });
});

describe('maskPath and comparable', () => {
  it('marks a nested value, and adds the key where one side lacks it', () => {
    expect(maskPath({ a: { b: '<int>' } }, ['a', 'b'], 'X')).toEqual({ a: { b: 'X' } });
    expect(maskPath({ a: {} }, ['a', 'c'], 'X')).toEqual({ a: { c: 'X' } });
    expect(maskPath({ e: [{ v: '=1.10' }] }, ['e', '0', 'v'], 'X')).toEqual({ e: [{ v: 'X' }] });
  });

  it('makes two records equal only where a difference is allowed', () => {
    const real: StepRecord = { status: 200, headers: { vary: 'A' }, keys: ['x', 'y'], body: { x: '<int>', y: 'null' } };
    const sim: StepRecord = { status: 200, headers: { vary: 'B' }, keys: ['x'], body: { x: '<int>' } };
    const allowed = [
      { step: '*', path: 'headers.vary', reason: 'r1' },
      { step: 's', path: 'body.y', reason: 'r2' },
    ];
    expect(comparable('s', sim, 'sim', allowed)).toEqual(comparable('s', real, 'real', allowed));
    expect(comparable('other', sim, 'sim', allowed)).not.toEqual(comparable('other', real, 'real', allowed));
  });

  it('replaces only the exact sim value a value-bound difference names', () => {
    const allowed = [{ step: '*', path: 'headers.v', reason: 'r', values: { sim: '1.11', real: '1.10' } }];
    const record = (v: string): StepRecord => ({ status: 200, headers: { v }, keys: [], body: 'null' });
    expect(comparable('s', record('1.11'), 'sim', allowed)).toEqual(comparable('s', record('1.10'), 'real', allowed));
    expect(comparable('s', record('1.12'), 'sim', allowed)).not.toEqual(comparable('s', record('1.10'), 'real', allowed));
    expect(comparable('s', record('1.11'), 'real', allowed).headers).toEqual({ v: '1.11' });
  });
});

describe('the peers’ admin.rc and its environment variable', () => {
  it('reads every K=V of every export line', () => {
    const rc =
      'export OS_AUTH_URL=http://127.0.0.1:15100/v3\nexport OS_USERNAME=admin OS_PASSWORD=secret\n# comment\nexport OS_REGION_NAME="RegionOne"\n';
    expect(parseRc(rc)).toEqual({
      OS_AUTH_URL: 'http://127.0.0.1:15100/v3',
      OS_USERNAME: 'admin',
      OS_PASSWORD: 'secret',
      OS_REGION_NAME: 'RegionOne',
    });
  });

  it('takes the rc path from KUBE_CHATOPS_PEERS_RC, and nothing when it is unset or blank', () => {
    expect(PEERS_RC_ENV).toBe('KUBE_CHATOPS_PEERS_RC');
    expect(peersRcPath({ KUBE_CHATOPS_PEERS_RC: '/tmp/rp/admin.rc' })).toBe('/tmp/rp/admin.rc');
    expect(peersRcPath({ KUBE_CHATOPS_PEERS_RC: ' ' })).toBeUndefined();
    expect(peersRcPath({})).toBeUndefined();
  });
});
