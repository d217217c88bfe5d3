/** Sentences about the review's findings section, shared by the Markdown and text renderers. */

import type { FindingRef, FindingsSection } from '../report.js';

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "S3.5 (MEDIUM, SOC 2 CC6.7) on ShopData/UploadsBucket5E5E9B64". */
export function findingLabel(ref: FindingRef): string {
  const soc2 = ref.soc2.length > 0 ? `, SOC 2 ${ref.soc2.join(', ')}` : '';
  return `${ref.controlId} (${ref.severity}${soc2}) on ${ref.stackName}/${ref.resource}`;
}

/** What the review says first about findings, in one sentence. */
export function findingsHeadline(section: FindingsSection): string {
  if (!section.consulted) return `Security Hub findings were not consulted: ${section.reason.replace(/\.+$/, '')}.`; // reasons may end a sentence
  const resolved = section.resolved.length;
  const open = section.leftOpen.length;
  if (resolved > 0 && open > 0) {
    return `This PR resolves ${count(resolved, 'open Security Hub finding', 'open Security Hub findings')} and leaves ${count(open, 'open finding', 'open findings')} on resources it changes.`;
  }
  if (resolved > 0) return `This PR resolves ${count(resolved, 'open Security Hub finding', 'open Security Hub findings')}.`;
  if (open > 0) return `This PR leaves ${count(open, 'open Security Hub finding', 'open Security Hub findings')} on resources it changes.`;
  if (section.openOnChangedStacks > 0) {
    return `No open Security Hub finding is on a resource this PR changes (${count(section.openOnChangedStacks, 'open finding is', 'open findings are')} on the stacks it changes).`;
  }
  return 'No open Security Hub findings on the stacks this PR changes.';
}

/** Where the findings came from, for a footer: undefined when they were not consulted (the headline says why). */
export function findingsSource(section: FindingsSection): string | undefined {
  return section.consulted ? `Findings ${section.reason}.` : undefined;
}
