import type { ClusterDetail } from '../../../src/core/cluster.js';
import type { KubeState } from '../../../src/core/kube-state.js';
import type { KubeApi, KubeConnector, Logger, OpenStackApi } from '../../../src/core/ports.js';
import type { CollectionProblem } from '../../../src/core/snapshot.js';
import { aCluster, aHeatResource, aKubeState, aLoadBalancer, aPort, aStack, aTemplate } from '../../helpers/snapshot-builders.js';

/** Records every call as `service.method(args)` so tests can assert what was asked. */
export type CallLog = string[];

const notCalled = (name: string) => () => Promise.reject(new Error(`unexpected call: ${name}`));

/** A fake OpenStack project whose answers can be replaced per method. */
export function fakeOpenStack(
  calls: CallLog,
  over: { cluster?: ClusterDetail; magnum?: object; heat?: object; octavia?: object; neutron?: object } = {},
): OpenStackApi {
  const cluster = over.cluster ?? aCluster();
  const log =
    <T>(name: string, value: T) =>
    (...args: unknown[]) => {
      calls.push(`${name}(${args.map((a) => JSON.stringify(a)).join(', ')})`);
      return Promise.resolve(value);
    };
  return {
    cloud: 'test',
    projectId: () => Promise.resolve('proj-1'),
    magnum: {
      listClusters: notCalled('listClusters'),
      getCluster: log('magnum.getCluster', cluster),
      createCluster: notCalled('createCluster'),
      deleteCluster: notCalled('deleteCluster'),
      resizeCluster: notCalled('resizeCluster'),
      upgradeCluster: notCalled('upgradeCluster'),
      listTemplates: notCalled('listTemplates'),
      getTemplate: log('magnum.getTemplate', aTemplate()),
      listNodegroups: log('magnum.listNodegroups', []),
      getCaCertificate: notCalled('getCaCertificate'),
      signCertificate: notCalled('signCertificate'),
      ...over.magnum,
    },
    heat: {
      getStack: log('heat.getStack', aStack()),
      listResources: log('heat.listResources', [
        aHeatResource('network.private_subnet', { type: 'OS::Neutron::Subnet', physicalId: 'subnet-heat' }),
      ]),
      listStacks: log('heat.listStacks', []),
      ...over.heat,
    },
    octavia: {
      listLoadBalancers: log('octavia.listLoadBalancers', [aLoadBalancer()]),
      deleteLoadBalancer: notCalled('deleteLoadBalancer'),
      ...over.octavia,
    },
    neutron: {
      listPorts: log('neutron.listPorts', [aPort()]),
      getSubnet: notCalled('getSubnet'),
      listSubnets: log('neutron.listSubnets', [{ id: 'subnet-by-name', name: 'private', networkId: 'net-1', cidr: '10.0.0.0/24' }]),
      ...over.neutron,
    },
  };
}

export function fakeKubeApi(
  state: KubeState = aKubeState(),
  problems: CollectionProblem[] = [],
  readState?: KubeApi['readState'],
): KubeApi {
  return {
    readState: readState ?? (() => Promise.resolve({ state, problems })),
    readPodLog: notCalled('readPodLog'),
    deletePod: notCalled('deletePod'),
    scale: notCalled('scale'),
    restartWorkload: notCalled('restartWorkload'),
    deleteJob: notCalled('deleteJob'),
  };
}

export function fakeConnector(calls: CallLog, api: KubeApi | null = fakeKubeApi(), over: Partial<KubeConnector> = {}): KubeConnector {
  return {
    forMagnumCluster: (_openstack, cluster) => {
      calls.push(`kube.forMagnumCluster(${cluster.name})`);
      return api === null ? Promise.reject(new Error('no api')) : Promise.resolve(api);
    },
    forKubeconfigCluster: (name) => {
      calls.push(`kube.forKubeconfigCluster(${name})`);
      return Promise.resolve(api);
    },
    listKubeconfigClusters: () => Promise.resolve([]),
    ...over,
  };
}

export function fakeLogger(lines: string[] = []): Logger {
  const write = (level: string) => (meta: object, msg: string) => lines.push(`${level} ${msg} ${JSON.stringify(meta)}`);
  const logger: Logger = { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error'), child: () => logger };
  return logger;
}
