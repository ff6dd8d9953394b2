/**
 * MagnumApi over Magnum v1. Every request carries `OpenStack-API-Version: container-infra <v>`:
 * `latest` as the CLI sends, or the version an action needs (resize 1.7, nodegroups 1.9).
 */
import type { z } from 'zod';
import { ConflictError, NotFoundError, UpstreamError } from '../core/errors.js';
import type { ClusterCreateSpec, ClusterDetail, ClusterSummary, ClusterTemplate, Nodegroup, RawJson } from '../core/cluster.js';
import type { Logger, MagnumApi } from '../core/ports.js';
import { clockSkewFromDate } from '../core/server-clock.js';
import type { HttpResponse } from './http-client.js';
import { toClusterDetail, toClusterSummary, toClusterTemplate, toNodegroup } from './magnum-map.js';
import {
  CertificateBody,
  ClusterDetailBody,
  ClusterListBody,
  ClusterTemplateBody,
  ClusterTemplateListBody,
  NodegroupListBody,
  UuidBody,
} from './magnum-schema.js';
import { stripVersion, type ServiceClient, type ServiceRequest } from './service-client.js';
import { upstreamOf } from './upstream-errors.js';

export const MICROVERSION = { latest: 'latest', resize: '1.7', upgrade: '1.8', nodegroups: '1.9' } as const;
const MAX_PAGES = 100;

/** python-magnumclient strips the catalog's `/v1` and adds its own. */
export function magnumRoot(catalogUrl: string): string {
  return `${stripVersion(catalogUrl, /\/v1$/)}/v1`;
}

/** The microversion a response was served with (last token of `OpenStack-API-Version`). */
export function responseMicroversion(response: HttpResponse): string | undefined {
  return response.headers['openstack-api-version']?.trim().split(/\s+/).pop();
}

/** MagnumApi through an authorized `container-infra` ServiceClient. */
export class MagnumClient implements MagnumApi {
  private skewMs: number | null = null;

  constructor(
    private readonly client: ServiceClient,
    private readonly logger: Logger,
  ) {}

  clockSkewMs(): number | null {
    return this.skewMs;
  }

  async listClusters(): Promise<ClusterSummary[]> {
    const out: ClusterSummary[] = [];
    // The detail list carries created_at (for ages); the plain list does not.
    let path: string | undefined = '/clusters/detail';
    for (let page = 0; path && page < MAX_PAGES; page += 1) {
      const { body }: { body: z.infer<typeof ClusterListBody> } = await this.call({ method: 'GET', path }, ClusterListBody);
      out.push(...body.clusters.map(toClusterSummary));
      path = body.next ?? undefined;
    }
    return out;
  }

  async getCluster(idOrName: string): Promise<ClusterDetail> {
    const what = `Cluster \`${idOrName}\``;
    const { body, response } = await this.call({ method: 'GET', path: `/clusters/${enc(idOrName)}` }, ClusterDetailBody, what);
    return toClusterDetail(body, JSON.parse(response.text) as RawJson);
  }

  async createCluster(spec: ClusterCreateSpec): Promise<{ uuid: string }> {
    const body = dropUndefined({
      name: spec.name,
      cluster_template_id: spec.clusterTemplateId,
      node_count: spec.nodeCount,
      master_count: spec.masterCount,
      flavor_id: spec.flavorId,
      master_flavor_id: spec.masterFlavorId,
      keypair: spec.keypair,
      labels: spec.labels,
      merge_labels: spec.mergeLabels,
      docker_volume_size: spec.dockerVolumeSize,
      create_timeout: spec.createTimeout,
    });
    const { body: created } = await this.call({ method: 'POST', path: '/clusters', body }, UuidBody, `Cluster \`${spec.name}\``);
    return { uuid: created.uuid };
  }

  async deleteCluster(idOrName: string): Promise<void> {
    await this.send({ method: 'DELETE', path: `/clusters/${enc(idOrName)}` }, `Cluster \`${idOrName}\``);
  }

  async resizeCluster(uuid: string, nodeCount: number, nodegroup?: string): Promise<void> {
    const body = dropUndefined({ node_count: nodeCount, nodegroup });
    await this.send({ method: 'POST', path: `/clusters/${enc(uuid)}/actions/resize`, body }, `Cluster \`${uuid}\``, MICROVERSION.resize);
  }

  /** Magnum's upgrade action (microversion 1.8): moves the cluster to another template (its image and Kubernetes version). */
  async upgradeCluster(uuid: string, clusterTemplate: string, options: { maxBatchSize?: number; nodegroup?: string } = {}): Promise<void> {
    const body = dropUndefined({
      cluster_template: clusterTemplate,
      max_batch_size: options.maxBatchSize ?? 1,
      nodegroup: options.nodegroup,
    });
    await this.send({ method: 'POST', path: `/clusters/${enc(uuid)}/actions/upgrade`, body }, `Cluster \`${uuid}\``, MICROVERSION.upgrade);
  }

  async listTemplates(): Promise<ClusterTemplate[]> {
    const out: ClusterTemplate[] = [];
    let path: string | undefined = '/clustertemplates';
    for (let page = 0; path && page < MAX_PAGES; page += 1) {
      const { body, response }: { body: z.infer<typeof ClusterTemplateListBody>; response: HttpResponse } = await this.call(
        { method: 'GET', path },
        ClusterTemplateListBody,
      );
      const raws = (JSON.parse(response.text) as { clustertemplates: RawJson[] }).clustertemplates;
      body.clustertemplates.forEach((t, i) => out.push(toClusterTemplate(t, raws[i] ?? {})));
      path = body.next ?? undefined;
    }
    return out;
  }

  async getTemplate(idOrName: string): Promise<ClusterTemplate> {
    const { body, response } = await this.call(
      { method: 'GET', path: `/clustertemplates/${enc(idOrName)}` },
      ClusterTemplateBody,
      `Cluster template \`${idOrName}\``,
    );
    return toClusterTemplate(body, JSON.parse(response.text) as RawJson);
  }

  async listNodegroups(clusterIdOrName: string): Promise<Nodegroup[]> {
    const req: ServiceRequest = { method: 'GET', path: `/clusters/${enc(clusterIdOrName)}/nodegroups` };
    const { body } = await this.call(req, NodegroupListBody, `Cluster \`${clusterIdOrName}\``, MICROVERSION.nodegroups);
    return body.nodegroups.map(toNodegroup);
  }

  async getCaCertificate(clusterUuid: string): Promise<string> {
    const { body } = await this.call(
      { method: 'GET', path: `/certificates/${enc(clusterUuid)}` },
      CertificateBody,
      `Cluster \`${clusterUuid}\``,
    );
    return body.pem;
  }

  async signCertificate(clusterUuid: string, csrPem: string): Promise<string> {
    const req: ServiceRequest = { method: 'POST', path: '/certificates', body: { cluster_uuid: clusterUuid, csr: csrPem } };
    const { body } = await this.call(req, CertificateBody, `Cluster \`${clusterUuid}\``);
    return body.pem;
  }

  private async call<T>(
    req: ServiceRequest,
    schema: z.ZodType<T>,
    what?: string,
    version: string = MICROVERSION.latest,
  ): Promise<{ body: T; response: HttpResponse }> {
    try {
      const result = await this.client.json({ ...req, headers: headersFor(version) }, schema);
      this.observe(result.response);
      return result;
    } catch (error) {
      throw explain(error, what, version);
    }
  }

  private async send(req: ServiceRequest, what: string, version: string = MICROVERSION.latest): Promise<HttpResponse> {
    try {
      const response = await this.client.request({ ...req, headers: headersFor(version) });
      this.observe(response);
      return response;
    } catch (error) {
      throw explain(error, what, version);
    }
  }

  /** Logs the microversion served and keeps Magnum's clock skew from the response's `Date`. */
  private observe(response: HttpResponse): void {
    this.logger.debug({ microversion: responseMicroversion(response) }, 'magnum microversion');
    if (response.receivedAt !== undefined) this.skewMs = clockSkewFromDate(response.headers['date'], response.receivedAt) ?? this.skewMs;
  }
}

function headersFor(version: string): Record<string, string> {
  return { 'openstack-api-version': `container-infra ${version}`, 'content-type': 'application/json' };
}

/** Adds what the bot knows to Magnum's errors: which object, and the name-clash case. */
function explain(error: unknown, what: string | undefined, version: string): unknown {
  const upstream = upstreamOf(error);
  if (!upstream || !what) return error;
  const ref = upstream.requestId ? ` (request ${upstream.requestId})` : '';
  if (error instanceof NotFoundError) return new NotFoundError(`${what} could not be found in Magnum${ref}.`, { cause: upstream });
  if (error instanceof ConflictError && upstream.method === 'GET') {
    // GET by name: Magnum answers 409 when several clusters share the name.
    return new ConflictError(`${what} matches more than one object in Magnum; use its UUID instead.`, 'ambiguous_name', {
      cause: upstream,
    });
  }
  if (upstream.code === 'microversion_unsupported') {
    return new UpstreamError(
      'microversion_unsupported',
      `Magnum on this cloud does not support API version ${version}, which this action needs.`,
      {
        service: 'magnum',
        status: upstream.status,
        requestId: upstream.requestId,
        method: upstream.method,
        url: upstream.url,
        upstreamMessage: upstream.upstreamMessage,
        retryable: false,
        cause: upstream,
      },
    );
  }
  return error;
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

function dropUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}
