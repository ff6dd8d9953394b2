import { sameWithoutVolume, templateVolumeOnOverlay2, withoutVolumeChoice } from '../../../jobs/create-volume.js';
import type { ClusterTemplate } from '../../../src/core/cluster.js';
import { aTemplate } from './tracking/lifecycle-kit.js';

/** A template whose raw body is what Magnum sent; `raw` overrides go into the body. */
function template(
  name: string,
  volume: number | null,
  raw: Record<string, unknown> = {},
  driver: string | null = 'overlay2',
): ClusterTemplate {
  const body = {
    uuid: `uuid-${name}`,
    name,
    coe: 'kubernetes',
    image_id: 'fedora-coreos-38',
    flavor_id: 'c1.c2r4',
    docker_volume_size: volume,
    docker_storage_driver: driver,
    labels: { kube_tag: 'v1.27.4' },
    created_at: `2026-10-0${name.length % 9}T00:00:00+00:00`,
    links: [{ href: `http://magnum/${name}`, rel: 'self' }],
    project_id: `p-${name}`,
    public: name.length % 2 === 0,
    hidden: false,
    ...raw,
  };
  return aTemplate({ uuid: body.uuid, name, coe: String(body.coe), dockerVolumeSize: volume, dockerStorageDriver: driver, raw: body });
}

describe('the template without the volume', () => {
  const overlay = template('overlay', 20);

  it('is one that differs only in docker_volume_size and in what names, dates or shares it', () => {
    const twin = template('plain-twin', null);

    expect(sameWithoutVolume(overlay, [overlay, twin])?.name).toBe('plain-twin');
  });

  it.each([
    ['other labels', template('labels', null, { labels: { kube_tag: 'v1.28.0' } })],
    ['labels with one more key', template('more', null, { labels: { kube_tag: 'v1.27.4', a: 'b' } })],
    ['another flavor', template('flavor', null, { flavor_id: 'c1.c4r8' })],
    ['another storage driver', template('driver', null, {}, 'devicemapper')],
    ['a hidden template', template('hidden', null, { hidden: true })],
    ['another COE', template('swarm', null, { coe: 'swarm' })],
    ['a volume of its own', template('volume', 10)],
  ])('is not a template with %s', (_case, candidate) => {
    expect(sameWithoutVolume(overlay, [overlay, candidate])).toBeUndefined();
  });

  it('picks the first by name when several qualify', () => {
    expect(sameWithoutVolume(overlay, [template('zz', null), template('aa', 0)])?.name).toBe('aa');
  });
});

describe('withoutVolumeChoice', () => {
  it('leaves out the requested size when the template has no volume on overlay2', () => {
    expect(withoutVolumeChoice(template('plain', null), [])).toEqual({ kind: 'omit-size' });
    expect(withoutVolumeChoice(template('dm', 20, {}, 'devicemapper'), [])).toEqual({ kind: 'omit-size' });
    expect(templateVolumeOnOverlay2(template('dm', 20, {}, 'devicemapper'))).toBeNull();
  });

  it('names the twin template when there is one', () => {
    const overlay = template('overlay', 20);

    expect(withoutVolumeChoice(overlay, [overlay, template('twin', null)])).toEqual({
      kind: 'other-template',
      from: 'overlay',
      template: 'twin',
    });
  });

  it('otherwise lists the templates without the combination', () => {
    const overlay = template('overlay', 20);
    const candidates = [
      overlay,
      template('other-overlay', 30),
      template('newer', null, { labels: {} }),
      template('dm', 20, {}, 'devicemapper'),
      template('gone', null, { hidden: true }),
    ];

    expect(withoutVolumeChoice(overlay, candidates)).toEqual({
      kind: 'unavailable',
      from: 'overlay',
      size: 20,
      alternatives: ['dm', 'newer'],
    });
  });
});
