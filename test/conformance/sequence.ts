/**
 * The conformance sequence: what an operator does with `openstack coe` (template create,
 * cluster create, list, show, resize, certificates, delete) plus the error cases, run through
 * the bot's client for typed calls and the raw wire helper for records to compare.
 */
import { X509Certificate, randomBytes } from 'node:crypto';
import type { MagnumApi } from '../../src/core/ports.js';
import { generateKeyAndCsr } from '../../src/kube/csr.js';
import type { CliResult } from '../fidelity/cli.js';
import type { Target } from './targets.js';
import { cliShow, waitForGone, waitForStatus } from './waits.js';
import { magnum, openSession, type StepRecord } from './wire.js';

/** Everything one run observed: wire records per step, and typed facts the tests assert on. */
export interface SequenceRun {
  records: Map<string, StepRecord>;
  facts: {
    statusesAfterWaits: string[];
    listedByBot: boolean;
    nodeCountAfterResize: number;
    caIsCertificate: boolean;
    signedByClusterCa: boolean;
    botErrors: Record<string, string>;
    goneAfterDelete: boolean;
  };
  /** The CLI's `coe cluster show` and the bot's rendering of the same moment, when the CLI ran. */
  show?: { cli: CliResult; rendered: string };
}

export interface SequenceDeps {
  target: Target;
  api: MagnumApi;
  /** Runs the real `openstack` CLI with the target's environment; absent when it is not installed. */
  openstack?: (args: string[]) => Promise<CliResult>;
}

/** Runs the whole sequence once; throws only when a step cannot continue (e.g. create never completes). */
export async function runSequence({ target, api, openstack }: SequenceDeps): Promise<SequenceRun> {
  const records = new Map<string, StepRecord>();
  const suffix = randomBytes(3).toString('hex');
  const name = `conf-${suffix}`;
  const session = await openSession(target.login);
  records.set('auth (password token)', session.auth);

  const template = await magnum(session, 'POST', '/clustertemplates', { body: cliTemplateBody(`conf-tpl-${suffix}`) });
  records.set('template create', template.record);
  const templateId = uuidOf(template.json);
  records.set('template show', (await magnum(session, 'GET', `/clustertemplates/${templateId}`)).record);

  const created = await magnum(session, 'POST', '/clusters', { body: cliClusterBody(name, templateId, target.keypair) });
  records.set('cluster create', created.record);
  const uuid = uuidOf(created.json);
  try {
    records.set('cluster list', (await magnum(session, 'GET', '/clusters')).record);
    records.set('cluster show (in progress)', (await magnum(session, 'GET', `/clusters/${name}`)).record);
    const listedByBot = (await api.listClusters()).some((c) => c.uuid === uuid && c.name === name);

    const statusesAfterWaits = [(await waitForStatus(target, api, uuid, 'CREATE')).status];
    records.set('cluster show (created)', (await magnum(session, 'GET', `/clusters/${uuid}`)).record);

    records.set(
      'resize at 1.6 (406)',
      (await magnum(session, 'POST', `/clusters/${uuid}/actions/resize`, { body: { node_count: 3 }, microversion: '1.6' })).record,
    );
    records.set(
      'resize to 3 (1.7)',
      (await magnum(session, 'POST', `/clusters/${uuid}/actions/resize`, { body: { node_count: 3 }, microversion: '1.7' })).record,
    );
    records.set('cluster show (resizing)', (await magnum(session, 'GET', `/clusters/${uuid}`)).record);
    const resized = await waitForStatus(target, api, uuid, 'UPDATE');
    statusesAfterWaits.push(resized.status);
    records.set('cluster show (resized)', (await magnum(session, 'GET', `/clusters/${uuid}`)).record);
    const show = openstack ? await cliShow(api, openstack, name) : undefined;

    const ca = await magnum(session, 'GET', `/certificates/${uuid}`);
    records.set('certificate CA get', ca.record);
    const { csrPem } = await generateKeyAndCsr('admin', 'system:masters');
    records.set('certificate sign', (await magnum(session, 'POST', '/certificates', { body: { cluster_uuid: uuid, csr: csrPem } })).record);
    const caPem = await api.getCaCertificate(uuid);
    const signedPem = await api.signCertificate(uuid, csrPem);

    records.set('unknown cluster (404)', (await magnum(session, 'GET', '/clusters/nope')).record);
    records.set('bad token (401)', (await magnum(session, 'GET', '/clusters', { token: `bad-${suffix}` })).record);
    records.set('microversion 1.99 (406)', (await magnum(session, 'GET', '/clusters', { microversion: '1.99' })).record);
    records.set(
      'cluster create, unknown template (404)',
      (await magnum(session, 'POST', '/clusters', { body: cliClusterBody(`${name}-x`, 'nope', target.keypair) })).record,
    );
    const botErrors = {
      getCluster: await errorName(() => api.getCluster('nope')),
      createCluster: await errorName(() => api.createCluster({ name: `${name}-x`, clusterTemplateId: 'nope', nodeCount: 1 })),
      deleteCluster: await errorName(() => api.deleteCluster('nope')),
    };

    records.set('cluster delete', (await magnum(session, 'DELETE', `/clusters/${uuid}`)).record);
    const goneAfterDelete = await waitForGone(target, api, uuid);
    records.set('cluster show (deleted, 404)', (await magnum(session, 'GET', `/clusters/${uuid}`)).record);

    const caIsCertificate = isCertificate(caPem);
    const signedByClusterCa = issuedBy(signedPem, caPem);
    const facts = {
      statusesAfterWaits,
      listedByBot,
      nodeCountAfterResize: resized.nodeCount,
      caIsCertificate,
      signedByClusterCa,
      botErrors,
      goneAfterDelete,
    };
    return { records, facts, ...(show ? { show } : {}) };
  } catch (error) {
    // Leave no cluster behind on a real cloud when a step fails half-way.
    await magnum(session, 'DELETE', `/clusters/${uuid}`).catch(() => undefined);
    throw error;
  }
}

/** What `openstack coe cluster template create NAME --coe kubernetes --image fedora-coreos-38 --external-network public --labels kube_tag=v1.27.4` posts. */
export function cliTemplateBody(name: string): Record<string, unknown> {
  // magnumclient osc/v1/cluster_templates.py CreateClusterTemplate.take_action, in its order, with its defaults,
  // plus `--labels kube_tag=v1.27.4`: the peers' stand-in Heat echoes only the parameters Magnum sends, and
  // Magnum's status sync reads `kube_version` from them (KeyError, stuck CREATE_IN_PROGRESS, without the label).
  return {
    name,
    image_id: 'fedora-coreos-38',
    keypair_id: null,
    external_network_id: 'public',
    coe: 'kubernetes',
    fixed_network: null,
    fixed_subnet: null,
    network_driver: null,
    volume_driver: null,
    dns_nameserver: '8.8.8.8',
    flavor_id: 'm1.medium',
    master_flavor_id: null,
    docker_volume_size: null,
    docker_storage_driver: 'overlay2',
    http_proxy: null,
    https_proxy: null,
    no_proxy: null,
    labels: { kube_tag: 'v1.27.4' },
    tls_disabled: false,
    public: false,
    registry_enabled: false,
    server_type: 'vm',
    master_lb_enabled: false,
  };
}

/** What `openstack coe cluster create --cluster-template T --node-count 2 --keypair K --flavor m1.large NAME` posts. */
export function cliClusterBody(name: string, templateId: string, keypair: string): Record<string, unknown> {
  // magnumclient osc/v1/clusters.py CreateCluster.take_action: merge_labels is sent only when true.
  return {
    cluster_template_id: templateId,
    create_timeout: 60,
    discovery_url: null,
    keypair,
    master_count: 1,
    name,
    node_count: 2,
    flavor_id: 'm1.large',
  };
}

async function errorName(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return 'no error';
  } catch (error) {
    return error instanceof Error ? error.constructor.name : typeof error;
  }
}

function uuidOf(json: unknown): string {
  const uuid = (json as { uuid?: unknown } | null)?.uuid;
  if (typeof uuid !== 'string') throw new Error(`expected a uuid in ${JSON.stringify(json)}`);
  return uuid;
}

function isCertificate(pem: string): boolean {
  try {
    return new X509Certificate(pem).subject.length > 0;
  } catch {
    return false;
  }
}

function issuedBy(certPem: string, caPem: string): boolean {
  try {
    const cert = new X509Certificate(certPem);
    const ca = new X509Certificate(caPem);
    return cert.checkIssued(ca) && cert.verify(ca.publicKey);
  } catch {
    return false;
  }
}
