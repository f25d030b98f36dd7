// A wasi:cli command in JavaScript (componentize-js): prints its
// arguments, the environment variables named by them, a summary of stdin,
// writes a line to stderr and exits with status 1 when the first argument
// is "fail".
import { getArguments, getEnvironment } from 'wasi:cli/environment@0.2.12';
import { exit } from 'wasi:cli/exit@0.2.12';
import { getStdin } from 'wasi:cli/stdin@0.2.12';
import { getStdout } from 'wasi:cli/stdout@0.2.12';
import { getStderr } from 'wasi:cli/stderr@0.2.12';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function write(stream, text) {
  const bytes = encoder.encode(text);
  // blocking-write-and-flush takes at most 4096 bytes at a time.
  for (let i = 0; i < bytes.length; i += 4096)
    stream.blockingWriteAndFlush(bytes.subarray(i, i + 4096));
}

function readAll(stream) {
  const chunks = [];
  for (;;) {
    let chunk;
    try {
      chunk = stream.blockingRead(65536n);
    } catch (e) {
      // stream-error: closed is the end of the input.
      break;
    }
    chunks.push(chunk);
  }
  let size = 0;
  for (const c of chunks) size += c.length;
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return decoder.decode(all);
}

export const run = {
  run() {
    const stdout = getStdout();
    const stderr = getStderr();
    const args = getArguments();
    const env = new Map(getEnvironment());
    let out = `args ${args.length - 1}:`;
    for (const a of args.slice(1)) out += ` [${a}]`;
    out += '\n';
    for (const a of args.slice(1)) {
      if (/^[A-Z_][A-Z0-9_]*$/.test(a))
        out += `${a}=${env.has(a) ? env.get(a) : '<unset>'}\n`;
    }
    const input = readAll(getStdin());
    const lines = input.split('\n').filter((l) => l.length > 0);
    const words = input.split(/\s+/).filter((w) => w.length > 0);
    out += `stdin: ${lines.length} lines, ${words.length} words, ${input.length} chars\n`;
    for (const l of lines) out += l.toUpperCase().split('').reverse().join('') + '\n';
    const counts = new Map();
    for (const w of words) counts.set(w, (counts.get(w) || 0) + 1);
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3);
    out += `top: ${JSON.stringify(top)}\n`;
    out += `sum: ${[1, 2, 3, 4, 5].map((x) => x * x).reduce((a, b) => a + b)}\n`;
    write(stdout, out);
    write(stderr, `js-command: ${args.length - 1} arguments\n`);
    if (args[1] === 'fail') {
      write(stderr, 'js-command: failing as asked\n');
      exit({ tag: 'err', val: undefined });
    }
  },
};
