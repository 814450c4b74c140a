import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** How `npm start` runs the server: the environment it sets, node's own options and the entry. */
export interface StartCommand {
  env: Record<string, string>;
  nodeArgs: string[];
  entry: string;
}

/** Reads a start script of the form `[NAME=value ...] node [--option ...] entry.js`. */
export function parseStartScript(script: string): StartCommand {
  const words = script.trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (/^[A-Z_][A-Z0-9_]*=/.test(words[0] ?? '')) {
    const word = words.shift() ?? '';
    env[word.slice(0, word.indexOf('='))] = word.slice(word.indexOf('=') + 1);
  }
  if (words.shift() !== 'node') throw new Error(`the start script does not run node: ${script}`);
  const nodeArgs: string[] = [];
  while ((words[0] ?? '').startsWith('-')) nodeArgs.push(words.shift() ?? '');
  const [entry, ...rest] = words;
  if (entry === undefined || rest.length > 0)
    throw new Error(`the start script is not [NAME=value ...] node [options] <entry>: ${script}`);
  return { env, nodeArgs, entry };
}

/** The repository's `npm start`, read from its package.json. */
export function npmStartCommand(): StartCommand {
  const manifest = JSON.parse(readFileSync(join(resolve(__dirname, '../../..'), 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  return parseStartScript(manifest.scripts.start);
}
