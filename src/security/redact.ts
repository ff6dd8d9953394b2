/**
 * Secret scrubbing for everything that leaves the bot as text: Slack posts, ticket bundles,
 * log lines. Pure and regex-based; every replacement is the literal `[redacted]` marker (PEM
 * blocks keep their label) and every function is idempotent, so scrubbing twice is harmless.
 */
export const REDACTED = '[redacted]';

/**
 * Name segments that mark a secret. Matched per snake/kebab/camel segment rather than as a
 * substring so `keypair`, `keystone_auth_enabled` and `private_subnet` (a Heat resource in
 * the delete error everyone needs to read) survive while `grafana_admin_passwd`,
 * `cluster_basic_auth_secret`, `client-key-data` and `apiToken` do not.
 */
const SECRET_SEGMENT =
  /^(pass|passwd|password|passwords|passphrase|pwd|secret|secrets|token|tokens|key|keys|apikey|credential|credentials|privatekey)$/;
const SECRET_COMPOUND = /private[_-]?key|access[_-]?key|api[_-]?key/i;
/** A last segment that names a secret's metadata, not the secret (`key_name`, `token_ttl`). */
const DESCRIPTOR_SEGMENT = /^(name|names|id|ids|type|types|enabled|disabled|size|length|ttl|file|path|count)$/;

/** Whether a field, label or header name looks like it holds a secret. */
export function isSecretName(name: string): boolean {
  const segments = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (DESCRIPTOR_SEGMENT.test(segments.at(-1) ?? '')) return false;
  if (SECRET_COMPOUND.test(name)) return true;
  return segments.some((segment) => SECRET_SEGMENT.test(segment));
}

type Rule = readonly [RegExp, string | ((match: string, ...groups: string[]) => string)];

/** Anything already scrubbed is left alone so the rules stay idempotent. */
function isRedacted(value: string): boolean {
  const inner = value.replace(/^["']|["']$/g, '');
  return inner.startsWith('[redacted');
}

const PEM_BEGIN = /-----BEGIN ([A-Z0-9 ]{1,60})-----/g;
// The body of a truncated block (no END line): base64, whitespace, JSON-escaped newlines.
const PEM_TRUNCATED_BODY = /(?:\s|\\[nr]|[A-Za-z0-9+/=])*/y;

/**
 * Replaces PEM blocks (keys, certificates, CSRs) by `[redacted LABEL]`, truncated ones too.
 * A scan rather than a regex so many BEGIN lines without END stay linear.
 */
function redactPem(text: string): string {
  if (!text.includes('-----BEGIN ')) return text;
  const noEnd = new Set<string>();
  let out = '';
  let pos = 0;
  PEM_BEGIN.lastIndex = 0;
  for (let m = PEM_BEGIN.exec(text); m; m = PEM_BEGIN.exec(text)) {
    const label = m[1] ?? '';
    const endMarker = `-----END ${label}-----`;
    const endAt = noEnd.has(label) ? -1 : text.indexOf(endMarker, PEM_BEGIN.lastIndex);
    let stop: number;
    if (endAt >= 0) {
      stop = endAt + endMarker.length;
    } else {
      noEnd.add(label);
      PEM_TRUNCATED_BODY.lastIndex = PEM_BEGIN.lastIndex;
      PEM_TRUNCATED_BODY.exec(text);
      stop = PEM_TRUNCATED_BODY.lastIndex;
    }
    out += `${text.slice(pos, m.index)}[redacted ${label}]`;
    pos = stop;
    PEM_BEGIN.lastIndex = stop;
  }
  return out + text.slice(pos);
}

// Order matters: PEM blocks first (redactPem), then line-shaped secrets, then bare tokens,
// then the generic `name: value` rule, which skips values an earlier rule already replaced.
const RULES: readonly Rule[] = [
  // base64 of "-----BEGIN", as kubeconfig *-data fields carry it.
  [/LS0tLS1CRUdJTi[A-Za-z0-9+/=]*/g, REDACTED],
  [
    /\b(client-key-data|client-certificate-data|certificate-authority-data|client-key|id-token|refresh-token|token)(\s*:\s*)(?!\[redacted)("[^"\n]*"|'[^'\n]*'|[^\s,}'"]+)/g,
    (_m, name = '', sep = '') => `${name}${sep}${REDACTED}`,
  ],
  [
    /\b((?:proxy-)?authorization)(["']?\s*[:=]\s*["']?)(?:(basic|bearer|token|digest|negotiate)\s+)?(?!\[redacted)[^\s"',;]+/gi,
    (_m, name = '', sep = '', scheme) => `${name}${sep}${scheme ? `${scheme} ` : ''}${REDACTED}`,
  ],
  [/\bBearer\s+(?!\[redacted)[A-Za-z0-9._~+/-]{16,}=*/g, `Bearer ${REDACTED}`],
  [
    /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@"'<>|]+)@/gi,
    (m, scheme = '', userinfo = '') => (isRedacted(userinfo) ? m : `${scheme}${REDACTED}@`),
  ],
  [/\bhttps:\/\/hooks\.slack\.com\/(?!\[redacted)[^\s"'<>|)]+/g, `https://hooks.slack.com/${REDACTED}`],
  // A public etcd discovery token (discovery.etcd.io) lets anyone join the cluster's etcd; console logs print it.
  [/\b(https?:\/\/discovery\.[^\s"'<>|/]+\/)(?!\[redacted)[0-9a-f]{32}\b/g, `$1${REDACTED}`],
  [
    /([?&;](?:password|passwd|pass|pwd|secret|token|access_token|refresh_token|api_key|apikey|key|sig|signature|x-amz-signature|x-amz-credential|x-amz-security-token)=)(?!\[redacted)[^&\s#"'<>|]+/gi,
    (_m, prefix = '') => `${prefix}${REDACTED}`,
  ],
  [/\bxox[abposre]-[A-Za-z0-9-]{8,}/g, REDACTED],
  [/\bxapp-\d+-[A-Za-z0-9-]{8,}/g, REDACTED],
  [/\bgAAAAA[A-Za-z0-9_-]{20,}={0,2}/g, REDACTED],
  [/\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g, REDACTED],
  [/\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b/g, REDACTED],
  [/\bgh[pousr]_[A-Za-z0-9]{30,}\b/g, REDACTED],
  [
    // The lookbehind starts a name only at an identifier boundary, which keeps this linear.
    /(?<![A-Za-z0-9_.-])(["']?)([A-Za-z_][A-Za-z0-9_.-]*)\1(\s*[:=]\s*)("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\[redacted[^\]]*\]|[^\s"',;&}\]]+)/g,
    (m, quote = '', name = '', sep = '', value = '') => {
      if (!isSecretName(name) || isRedacted(value) || /^(null|None|true|false|True|False|-|""|'')$/.test(value)) return m;
      const q = value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : '';
      return `${quote}${name}${quote}${sep}${q}${REDACTED}${q}`;
    },
  ],
];

/** Scrubs secrets out of free text (tokens, keys, certificates, credentials in URLs). */
export function redactText(text: string): string {
  let out = redactPem(text);
  for (const [pattern, replacement] of RULES) {
    pattern.lastIndex = 0;
    out =
      typeof replacement === 'string'
        ? out.replace(pattern, replacement)
        : out.replace(pattern, replacement as (m: string, ...g: string[]) => string);
  }
  return out;
}

/** Blanks the values of labels whose names look secret; scrubs the others' values. */
export function redactLabels(labels: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(labels)) {
    out[redactText(name)] = isSecretName(name) ? REDACTED : redactText(value);
  }
  return out;
}

/** Deep-redacts a JSON value: secret-named keys lose their value, every string is scrubbed. */
export function redactJson(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((item) => redactJson(item));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const secret = isSecretName(key) && child !== null && typeof child !== 'boolean';
    out[redactText(key)] = secret ? REDACTED : redactJson(child);
  }
  return out;
}
