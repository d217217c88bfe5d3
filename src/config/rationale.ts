/**
 * The rules an accepted risk's `rationale` must meet. The seed's auditor standard: "We'll fix it later" is not a
 * rationale; "Redis is in private subnets with VPC CIDR-locked security groups; in-transit encryption is accepted
 * risk until client libraries support rediss:// in Q3" is. These are deliberately simple, documented heuristics
 * (docs/configuration.md lists every word and pattern): they catch the lazy entry, they do not judge the reasoning.
 */

/** "At least a sentence": this many characters after trimming... */
export const RATIONALE_MIN_CHARACTERS = 40;
/** ...and this many words. */
export const RATIONALE_MIN_WORDS = 6;

/** Compensating-control words matched as whole words, case-insensitively. */
export const COMPENSATING_CONTROL_WORDS = [
  'vpc', 'vpcs', 'vpn', 'cloudfront', 'cidr', 'waf', 'nacl', 'iam', 'mfa', 'scp', 'kms', 'tls', 'internal', 'bastion',
  'guardduty', 'cloudtrail', 'logged', 'logging', 'backup', 'backups', 'snapshot', 'snapshots', 'read-only',
  'readonly', 'allowlist', 'allowlisted', 'allow-list', 'whitelist', 'whitelisted', 'firewall', 'firewalled',
] as const;

/** Compensating-control phrases and word stems matched at the start of a word, case-insensitively. */
export const COMPENSATING_CONTROL_STEMS = [
  'private subnet', 'private network', 'private endpoint', 'privatelink', 'security group', 'network acl',
  'least privilege', 'least-privilege', 'no public', 'not public', 'restrict', 'isolat', 'encrypt', 'mitigat',
  'compensat', 'monitor', 'alarm', 'alert', 'detect', 'audit',
] as const;

/** Ways of naming when the risk will be fixed. Case-sensitive where a lower-case word would be a false hit. */
export const DEADLINE_PATTERNS: ReadonlyArray<{ example: string; pattern: RegExp }> = [
  { example: '2027-03 or 2027-03-31', pattern: /\b(?:19|20)\d{2}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?\b/ },
  { example: 'Q3, 2026Q3', pattern: /(?<![A-Za-z])[Qq][1-4](?!\d)/ },
  { example: 'H2', pattern: /\bH[12]\b/ },
  { example: 'FY27, FY 2027', pattern: /\bFY\s?'?(?:\d{2}|\d{4})\b/i },
  {
    example: 'by March, Sept',
    pattern:
      /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b/,
  },
  { example: '2027', pattern: /\b20\d{2}\b/ },
  { example: 'within 30 days', pattern: /\b(?:within|in)\s+\d+\s+(?:days?|weeks?|months?)\b/i },
  { example: 'next quarter, end of year', pattern: /\b(?:next|this|end of(?: the)?)\s+(?:quarter|month|year)\b/i },
];

const wordsPattern = new RegExp(`\\b(?:${COMPENSATING_CONTROL_WORDS.map(escape).join('|')})\\b`, 'i');
const stemsPattern = new RegExp(`\\b(?:${COMPENSATING_CONTROL_STEMS.map(escape).join('|')})`, 'i');

export interface RationaleCheck {
  /** Why the rationale is rejected, one line each; empty when it is accepted. */
  problems: string[];
  /** The compensating-control word found, if any. */
  compensatingControl?: string;
  /** The date or deadline found, if any. */
  deadline?: string;
}

export function checkRationale(text: string): RationaleCheck {
  const trimmed = text.trim();
  if (trimmed === '') {
    return { problems: ['is empty: say why the risk is acceptable (the compensating control) or when it will be fixed'] };
  }
  const problems: string[] = [];
  const words = trimmed.split(/\s+/).filter((word) => /\p{L}/u.test(word)).length;
  if (trimmed.length < RATIONALE_MIN_CHARACTERS || words < RATIONALE_MIN_WORDS) {
    problems.push(
      `is shorter than a sentence (${trimmed.length} characters, ${words} words; at least ` +
        `${RATIONALE_MIN_CHARACTERS} characters and ${RATIONALE_MIN_WORDS} words)`,
    );
  }
  const compensatingControl = (wordsPattern.exec(trimmed) ?? stemsPattern.exec(trimmed))?.[0];
  const deadline = DEADLINE_PATTERNS.map(({ pattern }) => pattern.exec(trimmed)?.[0]).find((hit) => hit !== undefined);
  if (compensatingControl === undefined && deadline === undefined) {
    problems.push(
      'names neither a compensating control (such as "private subnet", "security group", "encrypted", "monitored") ' +
        'nor when it will be fixed (such as "Q3", "2027-03", "by March"); "we\'ll fix it later" is not a rationale',
    );
  }
  return { problems, compensatingControl, deadline };
}

function escape(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
