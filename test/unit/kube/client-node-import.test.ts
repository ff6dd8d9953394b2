import { KubeConfig, CoreV1Api } from '@kubernetes/client-node';

describe('@kubernetes/client-node under jest', () => {
  it('imports as ESM and builds a client from an in-memory kubeconfig', () => {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'c', server: 'https://127.0.0.1:6443', skipTLSVerify: false }],
      users: [{ name: 'u' }],
      contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
      currentContext: 'x',
    });

    const api = kc.makeApiClient(CoreV1Api);

    expect(kc.getCurrentCluster()?.server).toBe('https://127.0.0.1:6443');
    expect(typeof api.listPodForAllNamespaces).toBe('function');
  });
});
