import { hasRole, maxRole, minRole, ROLES } from '../../../src/security/roles.js';

describe('roles', () => {
  it('orders viewer below operator below admin', () => {
    expect(ROLES).toEqual(['viewer', 'operator', 'admin']);
  });

  it.each([
    ['viewer', 'viewer', true],
    ['viewer', 'operator', false],
    ['operator', 'operator', true],
    ['operator', 'admin', false],
    ['admin', 'operator', true],
    ['admin', 'viewer', true],
  ] as const)('%s holds what %s needs: %s', (actual, needed, expected) => {
    expect(hasRole(actual, needed)).toEqual(expected);
  });

  it('picks the strongest and the weakest role', () => {
    expect(maxRole('viewer', 'admin', 'operator')).toEqual('admin');
    expect(maxRole()).toEqual('viewer');
    expect(minRole('admin', 'operator')).toEqual('operator');
  });
});
