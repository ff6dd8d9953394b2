/** HeatApi over Heat v1 (the catalog URL already holds the project id). */
import { NotFoundError } from '../core/errors.js';
import type { HeatResource, HeatStack, HeatStackEntry } from '../core/openstack-state.js';
import type { HeatApi } from '../core/ports.js';
import { flattenResources } from './heat-resources.js';
import { ResourceListBody, StackBody, StackListBody, type StackBody as StackBodyType } from './heat-schema.js';
import type { ServiceClient } from './service-client.js';
import { parseUtc } from './time.js';
import { upstreamOf } from './upstream-errors.js';

/** Heat's catalog URL is used as it is, without a trailing slash. */
export function heatRoot(catalogUrl: string): string {
  return catalogUrl.replace(/\/+$/, '');
}

/** HeatApi through an authorized `orchestration` ServiceClient. */
export class HeatClient implements HeatApi {
  constructor(private readonly client: ServiceClient) {}

  /** Stack by id or name; Heat redirects `/stacks/{id}` to `/stacks/{name}/{id}`. */
  async getStack(stackId: string): Promise<HeatStack> {
    const { stack } = await this.show(stackId);
    return {
      id: stack.id,
      name: stack.stack_name,
      status: stack.stack_status,
      statusReason: stack.stack_status_reason ?? null,
      createdAt: parseUtc(stack.creation_time),
      updatedAt: parseUtc(stack.updated_time),
    };
  }

  async listResources(stackId: string, nestedDepth = 5): Promise<HeatResource[]> {
    const { stack } = await this.show(stackId);
    const path = `/stacks/${encodeURIComponent(stack.stack_name)}/${encodeURIComponent(stack.id)}/resources`;
    const query = nestedDepth > 0 ? { nested_depth: String(nestedDepth) } : undefined;
    const { body } = await this.client.json({ method: 'GET', path, query }, ResourceListBody);
    return flattenResources(body.resources, stack.stack_name);
  }

  async listStacks(): Promise<HeatStackEntry[]> {
    const { body } = await this.client.json({ method: 'GET', path: '/stacks', query: { show_nested: 'True' } }, StackListBody);
    return body.stacks.map((s) => ({ id: s.id, name: s.stack_name, status: s.stack_status, parent: s.parent ?? null }));
  }

  private async show(stackId: string): Promise<StackBodyType> {
    try {
      const { body } = await this.client.json(
        { method: 'GET', path: `/stacks/${encodeURIComponent(stackId)}`, followRedirects: true },
        StackBody,
      );
      return body;
    } catch (error) {
      const upstream = upstreamOf(error);
      if (error instanceof NotFoundError && upstream) {
        throw new NotFoundError(
          `Heat stack \`${stackId}\` could not be found${upstream.requestId ? ` (request ${upstream.requestId})` : ''}.`,
          { cause: upstream },
        );
      }
      throw error;
    }
  }
}
