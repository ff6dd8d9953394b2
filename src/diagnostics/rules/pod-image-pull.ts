import { containerHits, podCount, podProblemFinding } from '../pod-problem.js';
import type { Rule } from '../rule.js';

const PULL_RETRY = new Set(['ErrImagePull', 'ImagePullBackOff']);
const REASONS = ['ImagePullBackOff', 'ErrImagePull', 'ErrImageNeverPull', 'InvalidImageName', 'ImageInspectError', 'RegistryUnavailable'];

export const podImagePull: Rule = {
  id: 'pod-image-pull',
  description: 'Containers that cannot pull their image (ImagePullBackOff, ErrImagePull, InvalidImageName...).',
  suppresses: ['workload-replicas-short', 'service-without-endpoints'],
  run(snapshot, { thresholds }) {
    const kube = snapshot.kube;
    if (kube === null) return [];
    const hits = containerHits(kube.pods, (c) => c.state === 'waiting' && c.reason !== null && REASONS.includes(c.reason));
    return podProblemFinding(hits, {
      rule: 'pod-image-pull',
      severity: 'warning',
      title: (n) => `${podCount(n)} cannot pull ${n === 1 ? 'its image' : 'their images'}`,
      detail: (h) => `${h.container.reason}: ${h.container.image}${h.container.message ? ` (${h.container.message})` : ''}`,
      // ErrImagePull and ImagePullBackOff alternate on the same failure: one error, whichever it shows now.
      summary: (h) =>
        `${PULL_RETRY.has(h.container.reason ?? '') ? 'ErrImagePull/ImagePullBackOff' : h.container.reason}: ${h.container.image}`,
      explanation:
        'The kubelet cannot pull the image: the name or tag does not exist, the registry needs credentials (imagePullSecrets), or the nodes cannot reach the registry.',
      remedy:
        'Check the image name and tag; add an imagePullSecret for a private registry; if every pull fails, check that the nodes have outbound internet access (router with an external gateway).',
      maxEvidenceLines: thresholds.maxEvidenceLines,
      maxDetailLines: thresholds.maxDetailLines,
    });
  },
};
