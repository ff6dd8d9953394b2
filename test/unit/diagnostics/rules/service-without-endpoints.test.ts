import { serviceWithoutEndpoints } from '../../../../src/diagnostics/rules/service-without-endpoints.js';
import { aKubeconfigSnapshot, aPod, aService, anEndpoints } from '../../../helpers/snapshot-builders.js';
import { expectSameUnderSkew, runRule, severities } from './run-rule.js';
import { SOURCES } from '../../../../src/core/sources.js';

const kubernetesEndpoints = anEndpoints({ name: 'kubernetes' });
const mariadbSvc = aService({
  namespace: 'kolla',
  name: 'mariadb',
  selector: { app: 'mariadb' },
  ports: [{ name: 'mysql', port: 3306, protocol: 'TCP' }],
});
const mariadbPod = aPod({ namespace: 'kolla', name: 'mariadb-0', labels: { app: 'mariadb' }, status: 'ContainerCreating' });

describe('service-without-endpoints', () => {
  it.each([
    [
      'an Endpoints object with no ready address',
      [mariadbSvc],
      [kubernetesEndpoints, anEndpoints({ namespace: 'kolla', name: 'mariadb', readyAddresses: 0, notReadyAddresses: 1 })],
    ],
    ['no Endpoints object for the service', [mariadbSvc], [kubernetesEndpoints]],
  ])('warns with %s', (_case, services, endpoints) => {
    expect(severities(runRule(serviceWithoutEndpoints, aKubeconfigSnapshot({ services, endpoints, pods: [mariadbPod] })))).toEqual([
      'warning',
    ]);
  });

  it.each([
    ['ready endpoints', [aService()], [kubernetesEndpoints, anEndpoints()]],
    ['a service without a selector', [aService({ selector: null })], [kubernetesEndpoints]],
    ['an ExternalName service', [aService({ type: 'ExternalName', selector: {} })], [kubernetesEndpoints]],
    ['endpoints not collected at all', [mariadbSvc], []],
  ])('stays quiet with %s', (_case, services, endpoints) => {
    expect(runRule(serviceWithoutEndpoints, aKubeconfigSnapshot({ services, endpoints }))).toEqual([]);
  });

  it("tells what the selector matches and points at Kolla's MariaDB check", () => {
    const [finding] = runRule(
      serviceWithoutEndpoints,
      aKubeconfigSnapshot({ services: [mariadbSvc], endpoints: [kubernetesEndpoints], pods: [mariadbPod] }),
    );
    expect(finding?.title).toBe('1 service has no ready endpoints: kolla/mariadb');
    expect(finding?.evidence).toEqual([
      'kolla/Service/mariadb: selector app=mariadb matches 1 pod, none ready: mariadb-0 ContainerCreating',
    ]);
    expect(finding?.reference).toEqual(SOURCES.kollaDebugging);
    expect(finding?.explanation).toContain('telnet minion_ip 3306');
  });

  it('has no reference for other services', () => {
    const [finding] = runRule(serviceWithoutEndpoints, aKubeconfigSnapshot({ services: [aService()], endpoints: [kubernetesEndpoints] }));
    expect(finding?.evidence).toEqual(['default/Service/web: selector app=web matches no pods']);
    expect(finding?.reference).toBeUndefined();
  });
});

describe('service-without-endpoints: evidence, not age, and the API server clock', () => {
  it.each([
    ['a service without ready endpoints', [mariadbSvc], [kubernetesEndpoints]],
    ['ready endpoints', [aService()], [kubernetesEndpoints, anEndpoints()]],
  ])('finds the same under clock skew with %s', (_case, services, endpoints) => {
    expectSameUnderSkew(serviceWithoutEndpoints, aKubeconfigSnapshot({ services, endpoints, pods: [mariadbPod] }));
  });
});
