import { podImagePull } from '../../../../src/diagnostics/rules/pod-image-pull.js';
import { aContainer, aKubeconfigSnapshot, aPod, minutesAgo } from '../../../helpers/snapshot-builders.js';
import { expectSameUnderSkew, runRule, severities } from './run-rule.js';

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

describe('pod-image-pull: evidence, not age, and the API server clock', () => {
  it('warns for a pod 1 min old that cannot pull', () => {
    expect(
      severities(runRule(podImagePull, aKubeconfigSnapshot({ pods: [{ ...pulling('ErrImagePull'), createdAt: minutesAgo(1) }] }))),
    ).toEqual(['warning']);
  });

  it.each([
    ['a young pull failure', [{ ...pulling('ErrImagePull'), createdAt: minutesAgo(1) }]],
    ['running pods', [aPod()]],
  ])('finds the same under clock skew with %s', (_case, pods) => {
    expectSameUnderSkew(podImagePull, aKubeconfigSnapshot({ pods }));
  });
});

describe('pod-image-pull: one line for pods failing to pull the same image', () => {
  it('merges ErrImagePull and ImagePullBackOff of the same image, keeping each pod in the details', () => {
    const pods = [
      { ...pulling('ErrImagePull'), name: 'web-0' },
      { ...pulling('ImagePullBackOff'), name: 'web-1' },
    ];
    const [finding] = runRule(podImagePull, aKubeconfigSnapshot({ pods }));
    expect(finding?.evidence).toEqual([
      '2 pods: container web: ErrImagePull/ImagePullBackOff: nginx:nope (first: default/web-0, default/web-1)',
    ]);
    expect(finding?.details).toEqual([
      'default/Pod/web-0 container web: ErrImagePull: nginx:nope (Back-off pulling image "nginx:nope")',
      'default/Pod/web-1 container web: ImagePullBackOff: nginx:nope (Back-off pulling image "nginx:nope")',
    ]);
  });
});
