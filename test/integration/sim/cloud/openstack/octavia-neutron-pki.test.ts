import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { webcrypto } from 'node:crypto';
import { createCertAuthority } from '../../../../../src/sim/cloud/kube/pki.js';
import { loadX509 } from '../../../../../src/sim/cloud/kube/x509-lib.js';
import { startSim, type Sim } from '../../../../../src/sim/cloud/start-sim.js';
import { client } from './sim-client.js';
import { stubKube } from './stub-kube.js';

let sim: Sim;

beforeAll(async () => {
  const { backend } = stubKube();
  // The real PKI from src/sim/cloud/kube, so certificate signing is real; no API servers start.
  sim = await startSim({ seed: true, kube: { ...backend, createCertAuthority } });
});
afterAll(async () => {
  await sim.close();
});

type Json = Record<string, unknown>;

describe('octavia and neutron', () => {
  it('filters load balancers by vip_subnet_id and names the Heat API LB after the stack', async () => {
    const c = await client(sim);
    const cluster = sim.state.clusters.find((x) => x.name === 'healthy');
    const body = (await c.json(`/load-balancer/v2/lbaas/loadbalancers?vip_subnet_id=${cluster?.subnetId ?? ''}`)) as {
      loadbalancers: Json[];
    };
    expect(body.loadbalancers.map((lb) => String(lb['name']).split('-api_lb-')[0])).toContain(cluster?.stackName);
    expect(body.loadbalancers.every((lb) => lb['vip_subnet_id'] === cluster?.subnetId)).toBe(true);
    expect(Object.keys(body.loadbalancers[0] ?? {}).slice(0, 4)).toEqual([
      'description',
      'admin_state_up',
      'project_id',
      'provisioning_status',
    ]);
  });

  it('filters ports by fixed_ips subnet and device_owner, and serves the private network and subnet', async () => {
    const c = await client(sim);
    const cluster = sim.state.clusters.find((x) => x.name === 'healthy');
    const ports = (await c.json(`/network/v2.0/ports?fixed_ips=subnet_id%3D${cluster?.subnetId ?? ''}&device_owner=compute%3Anova`)) as {
      ports: Json[];
    };
    expect(ports.ports).toHaveLength(3);
    const net = (await c.json(`/network/v2.0/networks/${cluster?.networkId ?? ''}`)) as { network: Json };
    expect([net.network['name'], net.network['subnets']]).toEqual(['private', [cluster?.subnetId]]);
    const subnet = (await c.json(`/network/v2.0/subnets/${cluster?.subnetId ?? ''}`)) as { subnet: Json };
    expect(subnet.subnet['cidr']).toEqual('10.0.0.0/24');
    expect((await c.call('GET', '/network/v2.0/subnets/nope')).status).toBe(404);
  });
});

describe('certificates', () => {
  it('serves the cluster CA and signs a CSR with it', async () => {
    const c = await client(sim);
    const cluster = sim.state.clusters.find((x) => x.name === 'healthy');
    const ca = (await c.json(`/container-infra/v1/certificates/${cluster?.uuid ?? ''}`)) as { pem: string };
    expect(ca.pem).toContain('BEGIN CERTIFICATE');
    const x509 = await loadX509();
    const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
    const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: 'CN=admin,O=system:masters', keys, signingAlgorithm: alg });
    const res = await c.call('POST', '/container-infra/v1/certificates', { cluster_uuid: cluster?.uuid, csr: csr.toString('pem') });
    expect(res.status).toBe(201);
    const signed = (await res.json()) as { pem: string };
    const cert = new x509.X509Certificate(signed.pem);
    expect([cert.subject, cert.issuer]).toEqual(['CN=admin, O=system:masters', new x509.X509Certificate(ca.pem).subject]);
  });
});
