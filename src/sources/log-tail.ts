import { StringDecoder } from 'node:string_decoder';

/**
 * What a child process printed, bounded by line count and by size, so that a chatty or hostile app cannot make
 * stackguard hold (or post to GitHub) more than a screenful: the first `headLines` lines (where a build tool says
 * what it is doing), the last lines (where it says why it failed), and a count of the lines and bytes dropped in
 * between. stdout and stderr are kept in the order their lines arrive. `totalBytes` counts everything printed,
 * for the output budget of a synth.
 */
export class LogTail {
  private readonly head: string[] = [];
  private readonly lines: string[] = [];
  private bytes = 0;
  private headBytes = 0;
  private omitted = 0;
  private omittedBytes = 0;
  private total = 0;

  constructor(
    private readonly maxLines = 200,
    private readonly maxBytes = 64 * 1024,
    private readonly headLines = 0,
  ) {}

  get totalBytes(): number {
    return this.total;
  }

  /** A writer for one stream: it decodes UTF-8 across chunk boundaries and keeps its unfinished line apart. */
  sink(): { write(chunk: Buffer | string): void; end(): void } {
    const decoder = new StringDecoder('utf8');
    let partial = '';
    return {
      write: (chunk) => {
        this.total += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
        const parts = (partial + (typeof chunk === 'string' ? chunk : decoder.write(chunk))).split('\n');
        partial = parts.pop() ?? '';
        parts.forEach((line) => this.push(line));
        // A line without an end must not grow without bound either.
        if (partial.length > this.maxBytes) {
          this.push(partial);
          partial = '';
        }
      },
      end: () => {
        const rest = partial + decoder.end();
        if (rest !== '') {
          this.push(rest);
        }
        partial = '';
      },
    };
  }

  toString(): string {
    const notice = this.omitted > 0 ? [`[${this.omitted} line(s), ${this.omittedBytes} bytes omitted]`] : [];
    return [...this.head, ...notice, ...this.lines].join('\n');
  }

  private push(rawLine: string): void {
    const whole = rawLine.replace(/\r$/, '');
    const line = whole.slice(-this.maxBytes);
    this.omittedBytes += Buffer.byteLength(whole) - Buffer.byteLength(line);
    const size = Buffer.byteLength(line) + 1;
    if (this.head.length < this.headLines && this.lines.length === 0 && this.headBytes + size <= this.maxBytes / 4) {
      this.head.push(line);
      this.headBytes += size;
      return;
    }
    this.lines.push(line);
    this.bytes += Buffer.byteLength(line) + 1;
    while (this.lines.length > this.maxLines || this.bytes > this.maxBytes) {
      const dropped = this.lines.shift() ?? '';
      this.bytes -= Buffer.byteLength(dropped) + 1;
      this.omitted++;
      this.omittedBytes += Buffer.byteLength(dropped) + 1;
    }
  }
}
