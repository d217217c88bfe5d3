/**
 * Where a review is, so that a failure names its step ("install", "synth (base)", …) even when the error itself
 * does not, and the one place that turns "a newer push superseded this review" into an exception the steps stop
 * on. The head and the base are synthesized at the same time, each with its own progress.
 */

import { StackguardInputError } from '../../errors.js';
import { SupersededError } from '../queue.js';

/** A review step that failed: what the check run shows. */
export class ReviewFailure extends Error {
  constructor(
    readonly step: string,
    message: string,
    readonly details?: string,
  ) {
    super(message);
    this.name = 'ReviewFailure';
  }
}

export class ReviewProgress {
  private current = 'start';

  /** `side` is added to step names: "synth (base)". */
  constructor(
    readonly signal: AbortSignal,
    private readonly side?: string,
  ) {}

  get step(): string {
    return this.label(this.current);
  }

  enter(step: string): void {
    this.throwIfAborted();
    this.current = step;
  }

  throwIfAborted(): void {
    if (this.signal.aborted) throw this.signal.reason instanceof Error ? this.signal.reason : new SupersededError('unknown');
  }

  /** Runs `work`, turning its errors into a ReviewFailure named after the step (a superseded review stays superseded). */
  async track<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw this.failure(error);
    }
  }

  failure(error: unknown): Error {
    if (this.signal.aborted) return this.signal.reason instanceof Error ? this.signal.reason : new SupersededError('unknown');
    if (error instanceof ReviewFailure || error instanceof SupersededError) return error;
    if (error instanceof StackguardInputError) return new ReviewFailure(this.label(error.step), error.message, error.details);
    const message = error instanceof Error ? error.message : String(error);
    return new ReviewFailure(this.step, `Unexpected error: ${message}`);
  }

  private label(step: string): string {
    return this.side ? `${step} (${this.side})` : step;
  }
}
