import type { Severity } from '../../core/finding.js';
import type { CollectionProblem } from '../../core/snapshot.js';
import { clip } from '../evidence.js';
import type { Rule } from '../rule.js';

const SOURCE_NAMES: Record<CollectionProblem['source'], string> = {
  magnum: 'Magnum',
  heat: 'Heat',
  octavia: 'Octavia',
  neutron: 'Neutron',
  nova: 'Nova',
  kube: 'the Kubernetes API',
};

const REMEDIES: Record<string, string> = {
  unreachable:
    'The bot cannot reach it. For the Kubernetes API of a private cluster (no floating IP on the API), the bot needs a network path to api_address.',
  forbidden: "The bot's credentials may not read this: grant read access (for Kubernetes, list/get on the resource cluster-wide).",
  timeout: 'It did not answer in time; run the diagnosis again. Findings that need this part may be missing.',
  truncated: 'Only part of the list was read (the cluster is large); findings may be incomplete.',
  not_found: 'It does not exist (any more); findings that need it are skipped.',
};

function severityOf(problem: CollectionProblem): Severity {
  return problem.code === 'truncated' || problem.code === 'not_found' ? 'info' : 'warning';
}

export const collectionProblem: Rule = {
  id: 'collection-problem',
  description: 'Parts of the state that could not be collected (API unreachable, forbidden, timed out, truncated).',
  run(snapshot) {
    return snapshot.problems.map((problem) => ({
      rule: 'collection-problem',
      severity: severityOf(problem),
      title: `Could not read ${problem.what} from ${SOURCE_NAMES[problem.source]}: ${problem.code.replace('_', ' ')}`,
      objects: [],
      evidence: [`${problem.source} ${problem.what}: ${problem.code}: ${clip(problem.message)}`],
      explanation: `The diagnosis ran without ${problem.what}; rules that need it could not check it.`,
      remedy: REMEDIES[problem.code] ?? 'See the message; run the diagnosis again once the cause is fixed.',
    }));
  },
};
