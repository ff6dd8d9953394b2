import { clusterCreate } from '../../../jobs/cluster-create.js';
import type { ClusterTemplate } from '../../../src/core/cluster.js';
import { UpstreamError } from '../../../src/core/errors.js';
import type { Logger, Message } from '../../../src/core/ports.js';
import type { ConfirmationRequest } from '../../../src/core/confirmation.js';
import { aTemplate, lifecycleKit } from './tracking/lifecycle-kit.js';
import { run } from './job-kit.js';

const DATA = { cloud: 'sim', teamId: 'T1', channel: 'C1', user: 'U1ALICE', spec: { cluster: 'prod-b', template: 'k8s', nodes: 2 } };

const CATALYST = [
  'c1.c1r1',
  'c1.c1r2',
  'c1.c2r2',
  'c1.c2r4',
  'c1.c2r8',
  'c1.c4r4',
  'c1.c4r8',
  'c1.c4r16',
  'c1.c8r8',
  'c1.c8r16',
  'c1.c8r32',
  'c1.c16r32',
  'm1.small',
];

/** A template as Magnum lists it: the mapped fields plus the raw body they came from. */
function template(name: string, fields: Partial<ClusterTemplate> & { keypair?: string } = {}): ClusterTemplate {
  const { keypair, ...mapped } = fields;
  const t = aTemplate({ uuid: `uuid-${name}`, name, flavorId: 'c1.c2r4', masterFlavorId: 'c1.c2r4', ...mapped });
  const raw = {
    uuid: t.uuid,
    name: t.name,
    coe: t.coe,
    image_id: 'fedora-coreos-38',
    flavor_id: t.flavorId,
    master_flavor_id: t.masterFlavorId,
    keypair_id: keypair ?? null,
    docker_volume_size: t.dockerVolumeSize,
    docker_storage_driver: t.dockerStorageDriver,
    labels: t.labels,
    network_driver: 'calico',
    created_at: `2026-10-01T00:00:0${name.length % 10}+00:00`,
    links: [{ href: `http://magnum/${t.uuid}`, rel: 'self' }],
    public: true,
    hidden: false,
  };
  return { ...t, raw };
}

function kitWith(templates: ClusterTemplate[], jobId = 'op-7') {
  const kit = lifecycleKit({ jobId });
  kit.cloud.templates = templates;
  if (kit.cloud.nova) kit.cloud.nova.flavors = CATALYST.map((name) => ({ id: `id-${name}`, name }));
  const issued: ConfirmationRequest[] = [];
  kit.ctx.confirmations = { issueWithClaim: (request) => (issued.push(request), { token: 'kc1.token', claim: {} as never }) };
  const logs: Array<{ level: string; msg: string; meta: object }> = [];
  const logger: Logger = {
    debug: (meta, msg) => void logs.push({ level: 'debug', msg, meta }),
    info: (meta, msg) => void logs.push({ level: 'info', msg, meta }),
    warn: (meta, msg) => void logs.push({ level: 'warn', msg, meta }),
    error: (meta, msg) => void logs.push({ level: 'error', msg, meta }),
    child: () => logger,
  };
  kit.ctx.log = logger;
  const posts = (): Message[] => kit.slack.flatMap((c) => (c.kind === 'post' ? [c.message] : []));
  return { ...kit, issued, logs, posts };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the create was not refused');
}

describe('cluster-create: flavors and keypairs checked with Nova before anything is reserved', () => {
  it('refuses an unknown --flavor naming it and the known flavors closest first, reserving and creating nothing', async () => {
    const kit = kitWith([template('k8s')]);

    const message = await refusal(run(clusterCreate, { ...DATA, spec: { ...DATA.spec, flavor: 'c1.c2r5' } }, kit.ctx));

    expect(message).toBe(
      'There is no flavor `c1.c2r5` (given as `--flavor`). Flavors, closest first: `c1.c2r2`, `c1.c2r4`, `c1.c2r8`, `c1.c1r1`, `c1.c1r2`, `c1.c4r4`, `c1.c4r8`, `c1.c8r8`, `c1.c4r16`, `c1.c8r16` and 3 more.\nNothing was created.',
    );
    expect(kit.cloud.created).toEqual([]);
    expect(kit.operations.names.size).toBe(0);
    expect(kit.cloud.listCalls).toBe(0);
    expect(kit.audit.records.map((r) => r.decision)).toEqual(['requested', 'failed']);
  });

  it('accepts a flavor given by its id, as Magnum does', async () => {
    const kit = kitWith([template('k8s')]);

    await run(clusterCreate, { ...DATA, spec: { ...DATA.spec, flavor: 'id-c1.c4r8', masterFlavor: 'c1.c2r8' } }, kit.ctx);

    expect(kit.cloud.created.map((c) => [c.flavorId, c.masterFlavorId])).toEqual([['id-c1.c4r8', 'c1.c2r8']]);
  });

  it('names a missing flavor of the template once for both roles, with the flags that override it', async () => {
    const kit = kitWith([template('k8s', { flavorId: 'c1.gone', masterFlavorId: 'c1.gone' })]);

    const message = await refusal(run(clusterCreate, DATA, kit.ctx));

    expect(message.split('\n')[0]).toMatch(
      /^There is no flavor `c1\.gone` \(the node flavor and master flavor of template `k8s`; choose another with `--flavor` and `--master-flavor`\)\. Flavors, closest first: /,
    );
    expect(kit.cloud.created).toEqual([]);
  });

  it('checks the flags instead of the template when both are given', async () => {
    const kit = kitWith([template('k8s', { flavorId: 'c1.gone', masterFlavorId: 'c1.gone' })]);

    await run(clusterCreate, { ...DATA, spec: { ...DATA.spec, flavor: 'c1.c4r8', masterFlavor: 'c1.c2r4' } }, kit.ctx);

    expect(kit.cloud.created).toHaveLength(1);
  });

  it('refuses an unknown --keypair, listing the keypairs of the bot’s OpenStack user', async () => {
    const kit = kitWith([template('k8s')]);
    if (kit.cloud.nova) kit.cloud.nova.keypairs = ['ops-key', 'alice'];

    const message = await refusal(run(clusterCreate, { ...DATA, spec: { ...DATA.spec, keypair: 'opskey' } }, kit.ctx));

    expect(message).toBe(
      "The bot's OpenStack user has no keypair `opskey` (given as `--keypair`). Its keypairs, closest first: `ops-key`, `alice`.\nNothing was created.",
    );
    expect(kit.cloud.nova?.calls).toEqual(['listFlavors', 'hasKeypair opskey', 'listKeypairs']);
    expect(kit.cloud.created).toEqual([]);
  });

  it('checks the template’s keypair when no --keypair is given, and says when the user has none', async () => {
    const kit = kitWith([template('k8s', { keypair: 'team-key' })]);
    if (kit.cloud.nova) kit.cloud.nova.keypairs = [];

    const message = await refusal(run(clusterCreate, DATA, kit.ctx));

    expect(message).toBe(
      "The bot's OpenStack user has no keypair `team-key` (the keypair of template `k8s`; choose another with `--keypair`). It has none: create one for that user with `openstack keypair create`.\nNothing was created.",
    );
  });

  it('reports every missing flavor and keypair in one answer', async () => {
    const kit = kitWith([template('k8s')]);

    const message = await refusal(
      run(clusterCreate, { ...DATA, spec: { ...DATA.spec, flavor: 'big', masterFlavor: 'huge', keypair: 'nope' } }, kit.ctx),
    );

    expect(message.split('\n').map((line) => line.split(' (')[0])).toEqual([
      'There is no flavor `big`',
      'There is no flavor `huge`',
      "The bot's OpenStack user has no keypair `nope`",
      'Nothing was created.',
    ]);
  });

  it('checks before the pre-flight question: a wrong flavor is answered first', async () => {
    const kit = kitWith([template('k8s')]);

    await refusal(run(clusterCreate, { ...DATA, spec: { ...DATA.spec, flavor: 'c1.c2r5', dockerVolumeSize: 20 } }, kit.ctx));

    expect(kit.issued).toEqual([]);
    expect(
      kit
        .posts()
        .map((m) => m.text)
        .slice(1),
    ).toEqual([]);
  });

  it.each([
    [
      'no compute endpoint in the catalog',
      new UpstreamError('service_not_in_catalog', 'no nova', { service: 'nova', retryable: false }),
      'info',
    ],
    ['a 403 from Nova', new UpstreamError('forbidden', 'Nova: forbidden', { service: 'nova', status: 403 }), 'info'],
    ['Nova unavailable', new UpstreamError('upstream_unavailable', 'Nova: down', { service: 'nova', status: 503 }), 'warn'],
  ])('creates anyway, unchecked, with %s', async (_case, error, level) => {
    const kit = kitWith([template('k8s')]);
    if (kit.cloud.nova) kit.cloud.nova.error = error;

    await run(clusterCreate, { ...DATA, spec: { ...DATA.spec, flavor: 'anything', keypair: 'whatever' } }, kit.ctx);

    expect(kit.cloud.created.map((c) => [c.flavorId, c.keypair])).toEqual([['anything', 'whatever']]);
    expect(kit.logs.filter((l) => l.msg.startsWith('nova check')).map((l) => [l.level, (l.meta as { what: string }).what])).toEqual([
      [level, 'flavors'],
      [level, 'keypair'],
    ]);
  });

  it('creates unchecked where no compute client is wired', async () => {
    const kit = kitWith([template('k8s')]);
    kit.cloud.nova = null;

    await run(clusterCreate, { ...DATA, spec: { ...DATA.spec, flavor: 'anything' } }, kit.ctx);

    expect(kit.cloud.created).toHaveLength(1);
  });
});

describe('cluster-create: the overlay2 pre-flight against the template’s own docker volume', () => {
  const overlay = template('k8s-overlay2', { dockerVolumeSize: 20 });
  const twin = template('k8s-no-volume', { dockerVolumeSize: null });
  const otherLabels = template('k8s-other', { dockerVolumeSize: null, labels: { kube_tag: 'v1.28.0' } });
  const spec = { cluster: 'prod-b', template: 'k8s-overlay2' };

  it('fires without --docker-volume-size and offers the same template without the volume', async () => {
    const kit = kitWith([overlay, otherLabels, twin]);

    const result = await run(clusterCreate, { ...DATA, spec }, kit.ctx);

    expect(result).toEqual({ awaiting: 'preflight-confirmation' });
    expect(kit.cloud.created).toEqual([]);
    expect(
      kit
        .posts()
        .map((m) => m.text)
        .slice(1),
    ).toEqual([
      'Before creating prod-b: A docker volume size on the overlay2 template k8s-overlay2 leaves pods stuck in ContainerCreating',
      'Create prod-b without the docker volume (recommended: from template k8s-no-volume, the same apart from docker_volume_size), with it anyway, or cancel?',
    ]);
    expect(JSON.stringify(kit.posts()[1]?.blocks)).toContain('docker_volume_size: 20 GB (set on the template)');
    // "With the volume anyway" must come back with a size, "without" without one.
    expect(kit.issued.map((r) => r.params)).toEqual([
      { spec: { cluster: 'prod-b', template: 'uuid-k8s-overlay2', dockerVolumeSize: 20, labels: {} }, threadTs: '100.000001' },
    ]);
  });

  it('creates from the twin template, with no docker volume, when "without the volume" comes back', async () => {
    const kit = kitWith([overlay, otherLabels, twin]);

    await run(clusterCreate, { ...DATA, spec: { ...spec, template: 'uuid-k8s-overlay2' }, confirmed: true, threadTs: '9.9' }, kit.ctx);

    expect(kit.cloud.created.map((c) => [c.clusterTemplateId, c.dockerVolumeSize])).toEqual([['uuid-k8s-no-volume', undefined]]);
    expect(kit.posts().map((m) => m.text)[0]).toBe(
      'Creating prod-b from template k8s-no-volume (the same as k8s-overlay2 without docker_volume_size), so it gets no docker volume.',
    );
  });

  it('keeps the volume when "with the volume anyway" comes back with its size', async () => {
    const kit = kitWith([overlay, twin]);

    await run(
      clusterCreate,
      { ...DATA, spec: { ...spec, template: 'uuid-k8s-overlay2', dockerVolumeSize: 20 }, confirmed: true, threadTs: '9.9' },
      kit.ctx,
    );

    expect(kit.cloud.created.map((c) => [c.clusterTemplateId, c.dockerVolumeSize])).toEqual([['uuid-k8s-overlay2', 20]]);
  });

  it('offers only "with it anyway" or cancel when no template is the same without the volume, naming the ones without the combination', async () => {
    const kit = kitWith([overlay, otherLabels]);

    await run(clusterCreate, { ...DATA, spec }, kit.ctx);

    const choice = kit.posts()[2];
    expect(choice?.text).toBe(
      'prod-b cannot be created from template k8s-overlay2 without its 20 GB docker volume: create it with the volume anyway, or cancel?',
    );
    const body = JSON.stringify(choice?.blocks);
    expect(body).toContain('Templates without this combination: `k8s-other`');
    expect(body).toContain('`/kube create prod-b --template k8s-other`');
    const elements = (choice?.blocks ?? []).flatMap(
      (b) => (b as { elements?: Array<{ type: string; action_id: string; style?: string }> }).elements ?? [],
    );
    const buttons = elements.filter((e) => e.type === 'button').map((e) => [e.action_id, e.style]);
    expect(buttons).toEqual([
      ['lifecycle-create-cancel', 'primary'],
      ['lifecycle-create-with-volume', 'danger'],
    ]);
  });

  it('refuses "without the volume" when the twin template is gone by the time it comes back', async () => {
    const kit = kitWith([overlay, otherLabels]);

    const message = await refusal(
      run(clusterCreate, { ...DATA, spec: { ...spec, template: 'uuid-k8s-overlay2' }, confirmed: true, threadTs: '9.9' }, kit.ctx),
    );

    expect(message).toMatch(/^Template `k8s-overlay2` gives every cluster its 20 GB docker volume .* Nothing was created\.$/);
    expect(kit.cloud.created).toEqual([]);
    expect(kit.operations.names.size).toBe(0);
  });

  it('offers the twin when the flag and the template both set a volume (the flag alone cannot be left out)', async () => {
    const kit = kitWith([overlay, twin]);

    await run(clusterCreate, { ...DATA, spec: { ...spec, dockerVolumeSize: 10 } }, kit.ctx);

    expect(kit.posts()[2]?.text).toMatch(/^Create prod-b without the docker volume \(recommended: from template k8s-no-volume/);
    expect(kit.issued.map((r) => (r.params['spec'] as { dockerVolumeSize?: number }).dockerVolumeSize)).toEqual([10]);
  });

  it('leaves out only the requested size when the template has no volume of its own', async () => {
    const kit = kitWith([twin]);

    await run(clusterCreate, { ...DATA, spec: { cluster: 'prod-b', template: 'k8s-no-volume', dockerVolumeSize: 20 } }, kit.ctx);
    expect(kit.posts()[2]?.text).toBe('Create prod-b without the docker volume (recommended), with it anyway, or cancel?');

    const again = kitWith([twin]);
    await run(
      clusterCreate,
      { ...DATA, spec: { cluster: 'prod-b', template: 'uuid-k8s-no-volume' }, confirmed: true, threadTs: '9.9' },
      again.ctx,
    );
    expect(again.cloud.created.map((c) => [c.clusterTemplateId, c.dockerVolumeSize])).toEqual([['uuid-k8s-no-volume', undefined]]);
  });
});
