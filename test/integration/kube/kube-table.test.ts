import { request } from 'node:https';
import { generateKeyAndCsr } from '../../../src/kube/csr.js';
import { createCertAuthority } from '../../../src/sim/index.js';
import { startScenario } from './sim-kube-helpers.js';

const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

describe("the simulated API server's answers to kubectl", () => {
  it('prints pods as a meta.k8s.io/v1 Table with the columns of kubectl get pods -o wide', async () => {
    const ca = await createCertAuthority('table-ca');
    const { cluster } = await startScenario(ca, 'docker-volume-overlay2', 1);
    try {
      const { keyPem, csrPem } = await generateKeyAndCsr('admin', 'system:masters');
      const cert = await ca.sign(csrPem);
      const body = await new Promise<string>((resolve, reject) => {
        const req = request(
          `${cluster.url}/api/v1/pods?limit=500`,
          { ca: ca.certPem, cert, key: keyPem, headers: { Accept: TABLE_ACCEPT } },
          (res) => {
            let text = '';
            res.on('data', (c: Buffer) => (text += c.toString()));
            res.on('end', () => resolve(text));
          },
        );
        req.on('error', reject);
        req.end();
      });
      const table = JSON.parse(body) as {
        kind: string;
        columnDefinitions: { name: string; priority: number }[];
        rows: { cells: unknown[]; object: { metadata: { namespace: string } } }[];
      };
      expect(table.kind).toBe('Table');
      expect(table.columnDefinitions.map((c) => `${c.name}/${c.priority}`)).toEqual([
        'Name/0',
        'Ready/0',
        'Status/0',
        'Restarts/0',
        'Age/0',
        'IP/1',
        'Node/1',
        'Nominated Node/1',
        'Readiness Gates/1',
      ]);
      const coredns = table.rows.find((r) => String(r.cells[0]).startsWith('coredns-'));
      expect(coredns?.cells.slice(1, 6)).toEqual(['0/1', 'ContainerCreating', 0, '30m', '<none>']);
      expect(coredns?.object.metadata.namespace).toBe('kube-system');
    } finally {
      await cluster.close();
    }
  });
});
