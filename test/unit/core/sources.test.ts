import { SOURCES, sourceText } from '../../../src/core/sources.js';

describe('public sources of the known issues', () => {
  it.each(Object.entries(SOURCES))('%s links a pinned revision of a public document, with a section', (_key, ref) => {
    expect(ref.url).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/blob\/[0-9a-f]{40}\/[\w./-]+(#[a-z0-9-]+)?$/);
    expect(ref.title.length).toBeGreaterThan(10);
    expect(ref.title).not.toMatch(/seed/i);
  });

  it('names the Catalyst known issues by their section titles and anchors', () => {
    expect(SOURCES.catalystPodsFail.title).toContain('"Cluster is created but pods fail"');
    expect(SOURCES.catalystPodsFail.url).toMatch(/\/source\/kubernetes\.rst#cluster-is-created-but-pods-fail$/);
    expect(SOURCES.catalystDeleteFails.url).toMatch(/#cluster-fails-to-delete$/);
    expect(SOURCES.kollaDebugging.url).toMatch(/\/README\.md#debugging$/);
  });

  it('writes a source as plain text with its link', () => {
    expect(sourceText({ title: 'Kolla README, Debugging', url: 'https://example.org/kolla#debugging' })).toBe(
      'Kolla README, Debugging (https://example.org/kolla#debugging)',
    );
  });
});
