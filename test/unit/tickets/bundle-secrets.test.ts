import { buildBundle } from '../../../src/tickets/bundle.js';
import { ALL_SECRETS_TEXT, leakedSecrets, SEEDED_SECRETS, seededBundleInput } from './seeded-secrets.js';

describe('a bundle built from a cluster full of secrets', () => {
  const input = seededBundleInput();
  const bundle = buildBundle(input);

  it('really seeds every secret into the input (the check can fail)', () => {
    expect(leakedSecrets(JSON.stringify(input))).toEqual(SEEDED_SECRETS);
    expect(leakedSecrets(ALL_SECRETS_TEXT)).toEqual(SEEDED_SECRETS.filter((s) => !s.startsWith('SeededGrafana')));
  });

  it('has none of them in the text', () => {
    expect(leakedSecrets(bundle.text)).toEqual([]);
  });

  it('has none of them in the JSON', () => {
    expect(leakedSecrets(JSON.stringify(bundle.json))).toEqual([]);
  });

  it('has none of them in the title or file name', () => {
    expect(leakedSecrets(`${bundle.title} ${bundle.filename}`)).toEqual([]);
  });

  it('still shows the ordinary values next to them', () => {
    expect(bundle.text).toContain("'kube_tag': 'v1.27.4'");
    expect(bundle.text).toContain('registry.example.com');
  });
});
