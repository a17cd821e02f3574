import { CONFIG_VARIABLES } from '@accord/config';

/** Prints the README's environment table from the one list the config loader uses. */
export function environmentTable(): string {
  const rows = CONFIG_VARIABLES.map((v) => `| \`${v.name}\` | ${v.type} | ${v.default} | ${v.meaning} |`);
  return ['| Variable | Type | Default | Meaning |', '|---|---|---|---|', ...rows].join('\n');
}

if (require.main === module) console.log(environmentTable());
