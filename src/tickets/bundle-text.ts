/** Renders the (already redacted) bundle JSON as the readable text document. Pure. */

type Json = Record<string, unknown>;

/** Section headings, in document order; tests and readers rely on them. */
export const BUNDLE_SECTIONS = [
  'Cluster (openstack coe cluster show)',
  'Cluster template',
  'Diagnosis',
  'Failed Heat resources',
  'Recent warning events of failing pods',
  'Thread history',
] as const;

/** The text form of a bundle: a header, then one section per BUNDLE_SECTIONS entry. */
export function renderBundleText(json: Json, parts: { title: string; clusterShow: string }): string {
  const cluster = asObject(json['cluster']);
  const findings = asArray(json['findings']);
  const heat = asArray(json['failedHeatResources']);
  const events = asArray(json['warningEvents']);
  const history = asArray(json['history']);
  const kubeconfig = cluster['registered_by'] === 'kubeconfig';
  const header = [
    parts.title,
    '',
    ...keyValues([
      ['Cluster', `${str(cluster['name'])} (${str(cluster['uuid'])})`],
      ['Project', str(cluster['project_id'])],
      [
        'Status',
        kubeconfig
          ? 'registered by kubeconfig: not a Magnum cluster'
          : `${str(cluster['status'])}, health ${str(cluster['health_status'])}`,
      ],
      ['Generated', `${str(json['generatedAt'])} for ${str(json['requester'])}`],
      ['Redaction', 'fields come from an allowlist and values are scrubbed for secrets; [redacted] marks what was removed'],
    ]),
  ];
  const [showTitle, templateTitle, diagnosisTitle, heatTitle, eventsTitle, historyTitle] = BUNDLE_SECTIONS;
  const sections = [
    section(showTitle, parts.clusterShow ? [parts.clusterShow] : kubeconfig ? ['(not a Magnum cluster: registered by kubeconfig)'] : []),
    section(templateTitle, templateLines(json['template'])),
    section(
      `${diagnosisTitle} (${findings.length}, made at attach time: ${str(json['diagnosedAt'])})`,
      findings.flatMap((f, i) => findingLines(asObject(f), i + 1)),
    ),
    section(
      `${heatTitle} (${heat.length})`,
      heat.flatMap((r) => heatLines(asObject(r))),
    ),
    section(
      `${eventsTitle} (${events.length})`,
      events.map((e) => eventLine(asObject(e))),
    ),
    section(
      `${historyTitle} (${history.length})`,
      history.map((h) => historyLine(asObject(h))),
    ),
  ];
  return `${[header.join('\n'), ...sections].join('\n\n')}\n`;
}

function section(title: string, lines: string[]): string {
  return [`== ${title} ==`, ...(lines.length > 0 ? lines : ['(none)'])].join('\n');
}

function templateLines(template: unknown): string[] {
  if (template === null || typeof template !== 'object') return [];
  const entries = Object.entries(template as Json);
  const width = Math.max(...entries.map(([k]) => k.length));
  return entries.map(([k, v]) => indent(`${k.padEnd(width)}  ${cliValue(v)}`, ' '.repeat(width + 2)));
}

function findingLines(f: Json, n: number): string[] {
  const lines = [indent(`${n}. [${str(f['severity']).toUpperCase()}] ${str(f['title'])}`, '   ')];
  lines.push(
    ...keyValues(
      [
        ['Rule', str(f['rule'])],
        ['Objects', asArray(f['objects']).map(str).join(', ') || '-'],
      ],
      '   ',
      FINDING_KEY_WIDTH,
    ),
  );
  const evidence = asArray(f['evidence']).map(str);
  if (evidence.length > 0) lines.push('   Evidence:', ...evidence.map((e) => indent(`     - ${e}`, '       ')));
  const details = asArray(f['details']).map(str);
  if (details.length > 0) lines.push('   Every object:', ...details.map((d) => indent(`     - ${d}`, '       ')));
  const impact = asArray(f['impact']).map(str);
  if (impact.length > 0) lines.push('   Impact:', ...impact.map((i) => indent(`     - ${i}`, '       ')));
  lines.push(
    ...keyValues(
      [
        ['Explanation', str(f['explanation'])],
        ['Remedy', str(f['remedy'])],
        ...(f['reference'] ? [['Reference', referenceText(f['reference'])] as [string, string]] : []),
      ],
      '   ',
      FINDING_KEY_WIDTH,
    ),
    '',
  );
  return lines;
}

function heatLines(r: Json): string[] {
  return [
    indent(`- ${str(r['path'])}  ${str(r['type'])}  ${str(r['status'])}`, '    '),
    ...keyValues(
      [
        ['Reason', str(r['statusReason'])],
        ['Physical id', str(r['physicalId'])],
        ['Stack', str(r['stackName'])],
      ],
      '    ',
    ),
  ];
}

function eventLine(e: Json): string {
  const object = `${str(e['namespace'])}/${str(e['kind'])}/${str(e['name'])}`;
  return indent(`- ${str(e['lastSeen'])}  ${object}  ${str(e['reason'])} (x${str(e['count'])}): ${str(e['message'])}`, '  ');
}

function historyLine(h: Json): string {
  const outcome = h['outcome'] === undefined ? '' : ` -> ${str(h['outcome'])}`;
  return indent(`- ${str(h['at'])}  ${str(h['actor'])}  ${str(h['action'])}  [${str(h['decision'])}]${outcome}`, '  ');
}

/** Finding keys share one column so Rule/Objects line up with Explanation/Remedy. */
const FINDING_KEY_WIDTH = 'Explanation:'.length;

function keyValues(pairs: Array<[string, string]>, prefix = '', minWidth = 0): string[] {
  const width = Math.max(minWidth, ...pairs.map(([k]) => k.length + 1));
  return pairs.map(([k, v]) => indent(`${prefix}${`${k}:`.padEnd(width)} ${v}`, `${prefix}${' '.repeat(width + 1)}`));
}

/** Continuation lines of a multi-line value line up under its first line. */
function indent(text: string, continuation: string): string {
  return text.split('\n').join(`\n${continuation}`);
}

/** Values as the openstack CLI prints them: `-` for null, JSON for structures. */
function cliValue(v: unknown): string {
  if (v === null || v === undefined) return '-';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** A finding's public source as `title (url)`. */
function referenceText(v: unknown): string {
  const ref = asObject(v);
  return typeof ref['title'] === 'string' && typeof ref['url'] === 'string' ? `${ref['title']} (${ref['url']})` : str(v);
}

function str(v: unknown): string {
  return v === null || v === undefined ? '-' : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function asObject(v: unknown): Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
