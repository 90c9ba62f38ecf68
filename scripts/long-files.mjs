// Lists the source files (.ts, .js, .mjs) that would be longer than a limit once Prettier has formatted
// them (default 400 lines: the house rule), longest first. Files in .prettierignore are skipped.
// Usage: node scripts/long-files.mjs [limit]. Exits 1 when any file is over the limit.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const limit = Number(process.argv[2] ?? 400);
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
  cwd: root,
  encoding: 'utf8',
})
  .split('\n')
  .filter((f) => /\.(ts|js|mjs)$/.test(f));
const ignorePath = join(root, '.prettierignore');
const long = [];
for (const file of files) {
  const path = join(root, file);
  let source;
  try {
    source = readFileSync(path, 'utf8');
  } catch {
    continue; // deleted, not yet staged
  }
  if ((await prettier.getFileInfo(path, { ignorePath })).ignored) continue;
  const options = await prettier.resolveConfig(path);
  const lines = (await prettier.format(source, { ...options, filepath: path })).split('\n').length - 1;
  if (lines > limit) long.push([lines, file]);
}
long.sort((a, b) => b[0] - a[0]);
for (const [lines, file] of long) console.log(`${lines} ${file}`);
process.exitCode = long.length ? 1 : 0;
