import { describe, expect, it } from 'vitest';
import { LogTail } from '../../src/sources/log-tail.js';

describe('LogTail', () => {
  it('keeps the last lines within both the line and the byte bound, saying how many it dropped', () => {
    const tail = new LogTail(3, 1024);
    const out = tail.sink();
    out.write('one\ntwo\nthree\nfour\n');
    out.end();
    expect(tail.toString()).toBe('[1 line(s), 4 bytes omitted]\ntwo\nthree\nfour');

    const small = new LogTail(100, 10);
    const sink = small.sink();
    sink.write('aaaa\nbbbb\ncccc\n');
    sink.end();
    expect(small.toString()).toBe('[1 line(s), 5 bytes omitted]\nbbbb\ncccc');
  });

  it('decodes characters split across chunks and keeps each stream’s unfinished line apart', () => {
    const tail = new LogTail();
    const stdout = tail.sink();
    const stderr = tail.sink();
    const euro = Buffer.from('€');
    stdout.write(Buffer.concat([Buffer.from('price: '), euro.subarray(0, 1)]));
    stderr.write(Buffer.from('warning: slow\n'));
    stdout.write(Buffer.concat([euro.subarray(1), Buffer.from('5\r\n')]));
    stdout.end();
    stderr.end();
    expect(tail.toString()).toBe('warning: slow\nprice: €5');
  });

  it('bounds a line that never ends', () => {
    const tail = new LogTail(200, 1024);
    const out = tail.sink();
    for (let i = 0; i < 100; i++) out.write('x'.repeat(100));
    out.end();
    expect(Buffer.byteLength(tail.toString())).toBeLessThanOrEqual(1024 + 40);
  });

  it('keeps the first lines too, counts the bytes dropped between them and the tail, and what was printed in all', () => {
    const log = new LogTail(2, 1024, 2);
    const out = log.sink();
    for (let i = 1; i <= 1000; i++) out.write(`line ${i}\n`);
    out.end();
    const dropped = Array.from({ length: 996 }, (_, i) => `line ${i + 3}\n`).join('');
    expect(log.toString()).toBe(`line 1\nline 2\n[996 line(s), ${Buffer.byteLength(dropped)} bytes omitted]\nline 999\nline 1000`);
    expect(log.totalBytes).toBe(Array.from({ length: 1000 }, (_, i) => `line ${i + 1}\n`).join('').length);
  });
});
