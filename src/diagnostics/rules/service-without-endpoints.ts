import type { KService, KubeState } from '../../core/kube-state.js';
import { capMapped, plural } from '../evidence.js';
import { selectedPods } from '../kube-index.js';
import { namespacedRef } from '../object-refs.js';
import { KOLLA_MARIADB_CHECK } from '../references.js';
import type { Rule } from '../rule.js';

const RULE = 'service-without-endpoints';

function selected(kube: KubeState, service: KService): string {
  const pods = selectedPods(kube, service);
  const text = Object.entries(service.selector ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  if (pods.length === 0) return `selector ${text} matches no pods`;
  const states = pods
    .slice(0, 3)
    .map((p) => `${p.name} ${p.status}`)
    .join(', ');
  return `selector ${text} matches ${plural(pods.length, 'pod')}, none ready: ${states}${pods.length > 3 ? ', ...' : ''}`;
}

function isMariaDb(service: KService): boolean {
  return /mariadb|mysql/i.test(service.name) || service.ports.some((p) => p.port === 3306);
}

export const serviceWithoutEndpoints: Rule = {
  id: RULE,
  description: 'A Service with a selector and no ready endpoints (the Kolla MariaDB port check).',
  run(snapshot, { thresholds }) {
    const kube = snapshot.kube;
    // No Endpoints at all means they were not collected (every cluster has the `kubernetes` one).
    if (kube === null || kube.endpoints.length === 0) return [];
    const ready = new Map(kube.endpoints.map((e) => [`${e.namespace}/${e.name}`, e.readyAddresses]));
    const empty = kube.services.filter((s) => {
      if (s.type === 'ExternalName' || s.selector === null || Object.keys(s.selector).length === 0) return false;
      return (ready.get(`${s.namespace}/${s.name}`) ?? 0) === 0;
    });
    if (empty.length === 0) return [];
    const mariadb = empty.some(isMariaDb);
    return [
      {
        rule: RULE,
        severity: 'warning',
        title: `${plural(empty.length, 'service')} ${empty.length === 1 ? 'has' : 'have'} no ready endpoints: ${empty
          .slice(0, 3)
          .map((s) => `${s.namespace}/${s.name}`)
          .join(', ')}${empty.length > 3 ? ', ...' : ''}`,
        objects: empty.map((s) => namespacedRef(s.namespace, 'Service', s.name)),
        evidence: capMapped(
          empty,
          thresholds.maxEvidenceLines,
          (s) => `${namespacedRef(s.namespace, 'Service', s.name)}: ${selected(kube, s)}`,
        ),
        explanation:
          'Connections to these services fail: no pod that their selector matches is ready, so the service has nowhere to send traffic.' +
          (mariadb
            ? ' This is what the Kolla MariaDB check (`telnet minion_ip 3306`) shows when the connection closes before MariaDB answers.'
            : ''),
        remedy:
          'Fix the selected pods (see the pod findings) or the selector if it matches no pods; the endpoints fill in as soon as a pod is ready.',
        ...(mariadb ? { reference: KOLLA_MARIADB_CHECK.reference } : {}),
      },
    ];
  },
};
