/**
 * Whether Magnum's upgrade action (POST /v1/clusters/{id}/actions/upgrade, microversion 1.8)
 * can move a cluster to a template, checked before anything is asked of Magnum: a template of
 * the same COE and driver (Magnum picks the driver from the template, and a cluster cannot
 * change driver), a newer Kubernetes version (the Heat driver refuses a lower kube_tag; Cluster
 * API cannot roll a control plane back), and a status Magnum accepts (its conductor's list).
 * (Magnum User Guide, "Rolling upgrade": SOURCES.magnumRollingUpgrade.)
 */
import type { ClusterDetail, ClusterTemplate } from './cluster.js';
import { detectDriver, driverLabel, type DriverFacts } from './magnum-driver.js';

/** The statuses Magnum's conductor upgrades (and resizes) a cluster from. */
export const UPGRADABLE_STATUSES = [
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  'RESUME_COMPLETE',
  'RESTORE_COMPLETE',
  'ROLLBACK_COMPLETE',
  'SNAPSHOT_COMPLETE',
  'CHECK_COMPLETE',
  'ADOPT_COMPLETE',
] as const;

/** `v1.31.1`, `1.31.1`, `v1.31.1-rancher1` to [1, 31, 1]; null when it is no version. */
export function parseKubeVersion(text: string | null | undefined): [number, number, number] | null {
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(text?.trim() ?? '');
  if (!match) return null;
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
}

/** Negative when a is older than b, 0 when equal, positive when newer. */
export function compareKubeVersions(a: [number, number, number], b: [number, number, number]): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** The driver a template selects: its own `driver` field, else its image's `magnum_driver` property, else its distro and labels. */
export function templateDriver(template: ClusterTemplate, imageDriver: string | null = null): DriverFacts {
  return detectDriver({ templateDriver: template.driver ?? imageDriver, clusterDistro: template.clusterDistro, labels: template.labels });
}

export interface UpgradePlan {
  cluster: ClusterDetail;
  current: ClusterTemplate;
  target: ClusterTemplate;
  /** The version the cluster runs (coe_version, else its template's). */
  fromVersion: string | null;
  /** The target template's version (kube_tag label, else its image's kube_version). */
  toVersion: string | null;
  /** The `magnum_driver` property of each template's image, where Glance says. */
  imageDrivers?: { current: string | null; target: string | null };
}

/** Why the upgrade cannot be asked for, in words for the requester; null when Magnum would take it. */
export function upgradeRefusal(plan: UpgradePlan): string | null {
  const { cluster, current, target } = plan;
  const name = `\`${cluster.name}\``;
  if (target.uuid === current.uuid) return `${name} already uses template \`${target.name}\`: nothing to upgrade.`;
  if (target.coe !== current.coe) {
    return `\`${target.name}\` is a ${target.coe} template and ${name} runs ${current.coe}: Magnum upgrades to a template of the same COE only.`;
  }
  const [from, to] = [templateDriver(current, plan.imageDrivers?.current), templateDriver(target, plan.imageDrivers?.target)];
  const known = from.driver !== 'unknown' && to.driver !== 'unknown';
  const sameFamily = from.family === to.family && (from.driver === to.driver || from.driver === 'capi' || to.driver === 'capi');
  if (known && !sameFamily) {
    return `\`${target.name}\` selects the ${driverLabel(to.driver)} driver and ${name} runs on ${driverLabel(from.driver)}: a cluster cannot change driver; create a new cluster from that template instead.`;
  }
  const toVersion = parseKubeVersion(plan.toVersion);
  if (toVersion === null) {
    return `The Kubernetes version of \`${target.name}\` is unknown (no kube_tag label, no kube_version on its image): the bot does not upgrade without knowing it is newer.`;
  }
  const fromVersion = parseKubeVersion(plan.fromVersion);
  if (fromVersion !== null && compareKubeVersions(toVersion, fromVersion) <= 0) {
    const same = compareKubeVersions(toVersion, fromVersion) === 0;
    return `\`${target.name}\` runs Kubernetes ${plan.toVersion}, ${same ? 'the version' : 'older than the'} ${plan.fromVersion} ${name} runs: an upgrade must move to a newer version.`;
  }
  if (!(UPGRADABLE_STATUSES as readonly string[]).includes(cluster.status)) {
    return `${name} is ${cluster.status}: Magnum upgrades a cluster only from ${UPGRADABLE_STATUSES.slice(0, 2).join(' or ')} (or another *_COMPLETE state). Wait for the current operation to end.`;
  }
  return null;
}
