import { printerFor } from './table-columns.js';
import type { SimObject } from './kube-types.js';

/** Whether the request asked for server-side printing (`Accept: ...;as=Table;...`). */
export function wantsTable(accept: string | undefined): boolean {
  return accept !== undefined && /as=Table/.test(accept);
}

/** A `meta.k8s.io/v1` Table of `items`, rows carrying PartialObjectMetadata (or the object). */
export function toTable(resource: string, items: SimObject[], listMeta: object, includeObject: string | null, now: number): object {
  const printer = printerFor(resource);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: printer.columns.map(([name, priority, description]) => ({
      name,
      type: 'string',
      format: name === 'Name' ? 'name' : '',
      description,
      priority,
    })),
    rows: items.map((obj) => ({
      cells: printer.cells(obj, now),
      object: includeObject === 'Object' ? obj : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata },
    })),
  };
}
