import { StringDecoder } from 'node:string_decoder';

/**
 * The last lines a child process printed, bounded by line count and by size, so that a chatty or hostile app
 * cannot make stackguard hold (or post to GitHub) more than a screenful. stdout and stderr are kept in the
 * order their lines arrive.
 */
export class LogTail {
  private readonly lines: string[] = [];
  private bytes = 0;
  private omitted = 0;

  constructor(
    private readonly maxLines = 200,
    private readonly maxBytes = 64 * 1024,
  ) {}

  /** A writer for one stream: it decodes UTF-8 across chunk boundaries and keeps its unfinished line apart. */
  sink(): { write(chunk: Buffer | string): void; end(): void } {
    const decoder = new StringDecoder('utf8');
    let partial = '';
    return {
      write: (chunk) => {
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
    const notice = this.omitted > 0 ? [`[${this.omitted} earlier line(s) omitted]`] : [];
    return [...notice, ...this.lines].join('\n');
  }

  private push(rawLine: string): void {
    const line = rawLine.replace(/\r$/, '').slice(-this.maxBytes);
    this.lines.push(line);
    this.bytes += Buffer.byteLength(line) + 1;
    while (this.lines.length > this.maxLines || this.bytes > this.maxBytes) {
      const dropped = this.lines.shift() ?? '';
      this.bytes -= Buffer.byteLength(dropped) + 1;
      this.omitted++;
    }
  }
}
