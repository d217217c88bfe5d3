/**
 * The cascades of a review (a replaced resource forcing changes on the resources that reference it, `causedBy`) as
 * a Mermaid flowchart, which GitHub renders in comments: replaced task definition → rolling service; replaced queue
 * → replaced event source mapping → updated policy. Nodes are coloured by downtime, blocking ones get a thick red
 * border and say so in words (no emoji: a renderer without an emoji font shows a box). Capped in size: a graph of
 * hundreds of nodes helps nobody and costs the comment its length budget.
 */

import type { ChangeReport, Downtime, ReviewReport } from '../report.js';

export const MAX_CASCADE_NODES = 30;

const DOWNTIME_FILL: Record<Downtime, string> = {
  none: 'fill:#f1f3f5,stroke:#868e96,color:#212529',
  atomic: 'fill:#e7f5ff,stroke:#339af0,color:#212529',
  rolling: 'fill:#d0ebff,stroke:#1c7ed6,color:#212529',
  interruption: 'fill:#fff3bf,stroke:#f08c00,color:#212529',
  replacement: 'fill:#ffe3e3,stroke:#e03131,color:#212529',
  deletion: 'fill:#ffc9c9,stroke:#c92a2a,color:#212529',
};

const BLOCKING_STYLE = 'stroke:#c92a2a,stroke-width:4px';

interface Node {
  key: string;
  stackName: string;
  change: ChangeReport;
}

export interface CascadeGraph {
  /** Mermaid source, without the code fence. */
  mermaid: string;
  nodes: number;
  /** Nodes left out by the cap. */
  omitted: number;
}

export function cascadeGraph(report: ReviewReport, maxNodes = MAX_CASCADE_NODES): CascadeGraph | undefined {
  const nodes = new Map<string, Node>();
  const edges: Array<[string, string]> = [];
  for (const stack of report.stacks) {
    const byId = new Map(stack.changes.map((c) => [c.logicalId, c]));
    for (const change of stack.changes) {
      for (const causeId of change.causedBy) {
        const cause = byId.get(causeId);
        if (!cause) continue;
        const from = `${stack.stackName}/${causeId}`;
        const to = `${stack.stackName}/${change.logicalId}`;
        nodes.set(from, { key: from, stackName: stack.stackName, change: cause });
        nodes.set(to, { key: to, stackName: stack.stackName, change });
        edges.push([from, to]);
      }
    }
  }
  if (edges.length === 0) return undefined;

  // Whole chains first: roots (causes nothing causes) in report order, then what they reach, breadth first.
  const caused = new Set(edges.map(([, to]) => to));
  const order: string[] = [];
  const queue = [...nodes.keys()].filter((k) => !caused.has(k));
  const seen = new Set<string>(queue);
  while (queue.length > 0) {
    const key = queue.shift()!;
    order.push(key);
    for (const [from, to] of edges) {
      if (from === key && !seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  for (const key of nodes.keys()) if (!seen.has(key)) order.push(key); // cycles without a root
  const shown = order.slice(0, maxNodes);
  const ids = new Map(shown.map((key, i) => [key, `c${i}`]));

  const lines = ['flowchart LR'];
  for (const key of shown) lines.push(`  ${ids.get(key)}["${label(nodes.get(key)!)}"]`);
  for (const [from, to] of edges) if (ids.has(from) && ids.has(to)) lines.push(`  ${ids.get(from)} --> ${ids.get(to)}`);
  // `class a,b name` takes a list of nodes and one class: one statement per downtime, one for the blocking ones.
  const classes = new Map<string, string[]>();
  for (const key of shown) {
    const { change } = nodes.get(key)!;
    for (const name of change.blocking ? [change.downtime, 'blocking'] : [change.downtime]) classes.set(name, [...(classes.get(name) ?? []), ids.get(key)!]);
  }
  // The blocking border is defined last, so it wins over the downtime colour's stroke.
  const names = [...classes.keys()].sort((a, b) => Number(a === 'blocking') - Number(b === 'blocking'));
  for (const name of names) lines.push(`  classDef ${name} ${name === 'blocking' ? BLOCKING_STYLE : DOWNTIME_FILL[name as Downtime]}`);
  for (const name of names) lines.push(`  class ${classes.get(name)!.join(',')} ${name}`);
  return { mermaid: lines.join('\n'), nodes: shown.length, omitted: order.length - shown.length };
}

function label({ stackName, change }: Node): string {
  const type = change.resourceType.replace(/^AWS::/, '');
  const blocking = change.blocking ? ' · blocks' : '';
  return [stackName, shortId(change.logicalId), `${type}: ${change.action}, ${change.downtime}${blocking}`].map(escapeLabel).join('<br/>');
}

/** Long logical ids (CDK's event source mappings) stretch a box past the page: keep the start and the hash. */
function shortId(logicalId: string): string {
  return logicalId.length <= 40 ? logicalId : `${logicalId.slice(0, 28)}…${logicalId.slice(-8)}`;
}

/** Mermaid labels in quotes take entity codes; quotes, angle brackets and backticks would end or confuse them. */
function escapeLabel(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;').replace(/`/g, '#96;');
}
