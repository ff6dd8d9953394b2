import { podImagePull } from '../../../../src/diagnostics/rules/pod-image-pull.js';
import { aContainer, aKubeconfigSnapshot, aPod } from '../../../helpers/snapshot-builders.js';
import { runRule, severities } from './run-rule.js';

const pulling = (reason: string, init = false) =>
  aPod({
    name: 'web-0',
    status: reason,
    containers: [
      aContainer({
        name: 'web',
        init,
        image: 'nginx:nope',
        ready: false,
        state: 'waiting',
        reason,
        message: 'Back-off pulling image "nginx:nope"',
      }),
    ],
  });

describe('pod-image-pull', () => {
  it.each([['ImagePullBackOff'], ['ErrImagePull'], ['InvalidImageName'], ['ErrImageNeverPull']])('warns for %s', (reason) => {
    expect(severities(runRule(podImagePull, aKubeconfigSnapshot({ pods: [pulling(reason)] })))).toEqual(['warning']);
  });

  it('warns for an init container that cannot pull', () => {
    const [finding] = runRule(podImagePull, aKubeconfigSnapshot({ pods: [pulling('ImagePullBackOff', true)] }));
    expect(finding?.evidence).toEqual([
      'default/Pod/web-0 init container web: ImagePullBackOff: nginx:nope (Back-off pulling image "nginx:nope")',
    ]);
  });

  it.each([
    ['running pods', [aPod()]],
    ['a pod in ContainerCreating', [aPod({ status: 'ContainerCreating' })]],
    ['a crash loop', [aPod({ status: 'CrashLoopBackOff' })]],
  ])('stays quiet for %s', (_case, pods) => {
    expect(runRule(podImagePull, aKubeconfigSnapshot({ pods }))).toEqual([]);
  });
});
