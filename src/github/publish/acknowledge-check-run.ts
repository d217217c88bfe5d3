/**
 * Turns a concluded `action_required` check run green after an acknowledgement: conclusion success, the
 * "Acknowledge" button gone, and the acknowledgement at the top of the summary. The review's own title, summary
 * and text are read back from the run (the App keeps no report), and the line telling how to acknowledge is
 * dropped from the summary. The acknowledgement is also added to the run's signed evidence record
 * (src/github/publish/evidence-block.ts), where only the App can write.
 */

import type { Octokit, RepoRef } from '../github-types.js';
import { clampTitle } from './check-output.js';
import { acknowledgedBy } from './comment-body.js';
import { recordAcknowledgement } from './evidence-block.js';
import type { Acknowledgement } from './review-state.js';

export async function acknowledgeCheckRun(octokit: Octokit, repo: RepoRef, checkRunId: number, ack: Acknowledgement, stateKey: string): Promise<void> {
  const { data: run } = await octokit.rest.checks.get({ ...repo, check_run_id: checkRunId });
  const title = run.output.title ?? '';
  const summary = (run.output.summary ?? '')
    .split('\n\n')
    .filter((paragraph) => !paragraph.startsWith('To merge anyway') && !paragraph.startsWith('Acknowledged by'))
    .join('\n\n');
  const line = `Acknowledged by ${acknowledgedBy(ack)}; blocking changes fingerprint \`${ack.fingerprint}\`.`;
  await octokit.rest.checks.update({
    ...repo,
    check_run_id: checkRunId,
    conclusion: 'success',
    actions: [],
    output: {
      title: clampTitle(title.startsWith('Acknowledged: ') ? title : `Acknowledged: ${title}`),
      summary: `${line}\n\n${recordAcknowledgement(summary, ack, stateKey)}`,
      ...(run.output.text ? { text: run.output.text } : {}),
    },
  });
}
