/**
 * An error the user can fix: a missing folder, a malformed template, an invalid config, a synth that failed.
 * The CLI prints `message` (and `details` when present) without a stack trace and exits with code 2;
 * the App turns it into a failed check run that names the step.
 */
export class StackguardInputError extends Error {
  constructor(
    message: string,
    /** The step that failed, in a word or two: "read assembly", "synth", "config". */
    readonly step: string,
    /** Extra lines shown under the message, such as the tail of a synth log or a table of config errors. */
    readonly details?: string,
  ) {
    super(message);
    this.name = 'StackguardInputError';
  }
}
