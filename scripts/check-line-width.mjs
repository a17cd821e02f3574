// No line over the formatter's width (.prettierrc.json). Prettier cannot break long strings, template
// literals and comments, so it passes such lines; this check reads the same printWidth and looks at
// the same files Prettier checks (tracked or new, not git-ignored, not .prettierignore'd, with a
// parser), printing file:line for each offender. Exit 1 when there is any.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { getFileInfo } from 'prettier';

const { printWidth } = JSON.parse(readFileSync('.prettierrc.json', 'utf8'));
const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
})
  .split('\0')
  .filter(Boolean);

const offenders = [];
for (const file of files) {
  let info;
  try {
    info = await getFileInfo(file, { ignorePath: '.prettierignore' });
  } catch {
    continue; // listed but deleted in the working tree
  }
  if (info.ignored || info.inferredParser === null) continue;
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    continue;
  }
  text.split(/\r?\n/).forEach((line, index) => {
    const width = [...line].length;
    if (width > printWidth) offenders.push(`${file}:${index + 1} (${width} > ${printWidth})`);
  });
}

for (const offender of offenders) process.stdout.write(`${offender}\n`);
if (offenders.length > 0) {
  process.stderr.write(`${offenders.length} line(s) longer than printWidth ${printWidth}\n`);
  process.exit(1);
}
