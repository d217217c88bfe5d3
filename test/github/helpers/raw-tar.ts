import { gzipSync } from 'node:zlib';

/**
 * Builds a tar archive byte by byte, for archives no well-behaved tool writes: absolute paths, `..`, links out
 * of the folder, device files. (The `tar` package refuses to create most of these, which is the point.)
 */
export interface RawEntry {
  path: string;
  /** '0' file, '1' hard link, '2' symbolic link, '3' character device, '5' directory, '6' FIFO. */
  type: '0' | '1' | '2' | '3' | '5' | '6';
  content?: string;
  linkpath?: string;
}

export function rawTarball(entries: RawEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const content = Buffer.from(entry.content ?? '');
    blocks.push(header(entry, entry.type === '0' ? content.length : 0));
    if (entry.type === '0' && content.length > 0) {
      blocks.push(content, Buffer.alloc((512 - (content.length % 512)) % 512));
    }
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

function header(entry: RawEntry, size: number): Buffer {
  const block = Buffer.alloc(512);
  const write = (offset: number, length: number, value: string) => block.write(value.slice(0, length), offset, length, 'utf8');
  const octal = (offset: number, length: number, value: number) => write(offset, length, `${value.toString(8).padStart(length - 1, '0')}\0`);
  write(0, 100, entry.path);
  octal(100, 8, entry.type === '5' ? 0o755 : 0o644);
  octal(108, 8, 0);
  octal(116, 8, 0);
  octal(124, 12, size);
  octal(136, 12, 0);
  block.fill(' ', 148, 156);
  write(156, 1, entry.type);
  write(157, 100, entry.linkpath ?? '');
  write(257, 6, 'ustar\0');
  write(263, 2, '00');
  let sum = 0;
  for (const byte of block) sum += byte;
  write(148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return block;
}
