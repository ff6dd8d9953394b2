import type { BundleInput } from '../../../src/tickets/bundle.js';
import { bundleInput, cluster, finding, heatResource, SHOW_DUMP, template, warningEvent } from './bundle-fixtures.js';

// Fixture secrets, assembled so no scanner mistakes them for real ones. Each is distinctive
// enough that finding any part of it in an output means it leaked.
const slackToken = 'xoxb-' + '111122223333-444455556666-SeededSlackTokenValue';
const keystoneToken = 'gAAAAA' + 'BnSeededKeystoneFernetTokenValue0123456789abcdefABCDEF';
const pemBody = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCSeededPemBody';
const pemKey = `-----BEGIN PRIVATE KEY-----\n${pemBody}\n-----END PRIVATE KEY-----`;
const kubeconfigKey = 'LS0tLS1CRUdJTi' + 'BSU0EgUFJJVkFURSBLRVktLS0tLSeededKubeconfig';
const kubeconfigToken = 'seeded-kubeconfig-bearer-token-value';
const kubeconfig = `apiVersion: v1\nusers:\n- name: admin\n  user:\n    client-key-data: ${kubeconfigKey}\n    token: ${kubeconfigToken}`;
const urlPassword = 'SeededUrlPassw0rd';
const credentialUrl = `https://admin:${urlPassword}@registry.example.com/v2/`;
const grafanaPassword = 'SeededGrafanaAdminPassword';

/** Substrings that must never appear in anything that leaves the bot. */
export const SEEDED_SECRETS = [slackToken, keystoneToken, pemBody, kubeconfigKey, kubeconfigToken, urlPassword, grafanaPassword];

/** One string carrying every kind of seeded secret. */
export const ALL_SECRETS_TEXT = `slack ${slackToken} keystone ${keystoneToken}\n${pemKey}\n${kubeconfig}\nregistry ${credentialUrl}`;

/** A bundle input with the seeded secrets in every string field the sim can carry. */
export function seededBundleInput(): BundleInput {
  const s = ALL_SECRETS_TEXT;
  const labels = { kube_tag: 'v1.27.4', grafana_admin_passwd: grafanaPassword, note: s };
  const c = cluster({ statusReason: s, labels, faults: { 'kube-master-0': s } });
  c.raw = {
    ...c.raw,
    status_reason: s,
    labels,
    labels_added: { grafana_admin_passwd: grafanaPassword },
    faults: { 'kube-master-0': s },
    health_status_reason: { 'demo3-k8s-node-0.Ready': s },
    api_address: credentialUrl,
  };
  const t = template();
  t.raw = { ...t.raw, labels, http_proxy: credentialUrl, https_proxy: s, name: `tpl ${slackToken}` };
  const f = {
    ...finding(),
    title: s,
    objects: [s],
    evidence: [s, `kubeconfig:\n${kubeconfig}`],
    impact: [s],
    details: [s],
    explanation: s,
    remedy: s,
    reference: { title: s, url: 'https://docs.example/k8s' },
  };
  const h = { ...heatResource(), name: s, statusReason: s, physicalId: s, stackName: s, path: ['network', s] };
  const e = { ...warningEvent('web-1', 10), message: s, reason: s, involvedName: s, source: s };
  const dump = SHOW_DUMP.replace(
    "{'kube_tag': 'v1.27.4', 'container_runtime': 'containerd', 'auto_healing_enabled': 'true'}",
    `{'kube_tag': 'v1.27.4', 'grafana_admin_passwd': '${grafanaPassword}'}`,
  )
    .replace('| status_reason        | None', `| status_reason        | ${slackToken} ${keystoneToken} ${credentialUrl}`)
    .replace(/(\| faults {15}\| )/, `$1-----BEGIN PRIVATE KEY----- ${pemBody} -----END PRIVATE KEY-----`);
  return bundleInput({
    cluster: c,
    showDump: dump,
    template: t,
    findings: [f],
    failedHeatResources: [h],
    warningEvents: [e],
    history: [{ at: '2026-11-21T13:00:00.000Z', actor: 'U01ALICE', action: s, decision: s, outcome: s }],
    requester: 'U01ALICE',
  });
}

/** The seeded secrets found in `text` (empty when none leaked). */
export function leakedSecrets(text: string): string[] {
  return SEEDED_SECRETS.filter((secret) => text.includes(secret));
}
