import { podConfigError } from '../../../../src/diagnostics/rules/pod-config-error.js';
import { aContainer, aKubeconfigSnapshot, aPod, minutesAgo } from '../../../helpers/snapshot-builders.js';
import { expectSameUnderSkew, runRule, severities } from './run-rule.js';

const failing = (reason: string, message: string | null = 'secret "db-password" not found') =>
  aPod({ name: 'api-0', status: reason, containers: [aContainer({ name: 'api', ready: false, state: 'waiting', reason, message })] });

describe('pod-config-error', () => {
  it.each([['CreateContainerConfigError'], ['CreateContainerError'], ['RunContainerError'], ['PostStartHookError']])(
    'warns for %s',
    (reason) => {
      expect(severities(runRule(podConfigError, aKubeconfigSnapshot({ pods: [failing(reason)] })))).toEqual(['warning']);
    },
  );

  it.each([
    ['running pods', [aPod()]],
    ['an image pull failure', [aPod({ status: 'ImagePullBackOff' })]],
  ])('stays quiet for %s', (_case, pods) => {
    expect(runRule(podConfigError, aKubeconfigSnapshot({ pods }))).toEqual([]);
  });

  it('quotes what is missing', () => {
    const [finding] = runRule(podConfigError, aKubeconfigSnapshot({ pods: [failing('CreateContainerConfigError')] }));
    expect(finding?.evidence).toEqual(['default/Pod/api-0 container api: CreateContainerConfigError: secret "db-password" not found']);
  });
});

describe('pod-config-error: evidence, not age, and the API server clock', () => {
  const young = { ...failing('CreateContainerConfigError'), createdAt: minutesAgo(1) };

  it('warns for a pod 1 min old whose Secret is missing', () => {
    expect(severities(runRule(podConfigError, aKubeconfigSnapshot({ pods: [young] })))).toEqual(['warning']);
  });

  it.each([
    ['a young config error', [young]],
    ['running pods', [aPod()]],
  ])('finds the same under clock skew with %s', (_case, pods) => {
    expectSameUnderSkew(podConfigError, aKubeconfigSnapshot({ pods }));
  });
});
