import { novaRoot } from '../../../src/openstack/nova.js';

describe('novaRoot', () => {
  it.each([
    ['http://nova:8774/v2.1', 'http://nova:8774/v2.1'],
    ['http://nova:8774/v2.1/', 'http://nova:8774/v2.1'],
    ['https://cloud/compute/v2.1', 'https://cloud/compute/v2.1'],
    ['http://nova:8774/v2.1/0d3c5a2b1e8f4b0c9a7d6e5f4a3b2c1d', 'http://nova:8774/v2.1/0d3c5a2b1e8f4b0c9a7d6e5f4a3b2c1d'],
    ['http://nova:8774/v2/0d3c5a2b1e8f4b0c9a7d6e5f4a3b2c1d', 'http://nova:8774/v2/0d3c5a2b1e8f4b0c9a7d6e5f4a3b2c1d'],
    ['http://nova:8774', 'http://nova:8774/v2.1'],
    ['https://cloud/compute/', 'https://cloud/compute/v2.1'],
  ])('joins paths to %s as %s', (catalogUrl, root) => {
    expect(novaRoot(catalogUrl)).toBe(root);
  });
});
