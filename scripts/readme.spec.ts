import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_VARIABLES } from '@accord/config';
import { environmentTable } from './env-table';

describe('README', () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const example = readFileSync(join(__dirname, '..', '.env.example'), 'utf8');

  it('carries the environment table exactly as the config loader defines it', () => {
    expect(readme).toContain(environmentTable());
  });

  it('has every variable in .env.example', () => {
    for (const variable of CONFIG_VARIABLES) expect(example).toMatch(new RegExp(`^#? ?${variable.name}=`, 'm'));
  });
});
