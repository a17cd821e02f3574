import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envExample, readmeWithTable } from './config-docs';

describe('configuration docs generated from CONFIG_VARIABLES (run `npm run config:docs` after changing it)', () => {
  it('README.md carries the environment table exactly as the config table declares it', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    expect(readme).toBe(readmeWithTable(readme));
  });

  it('.env.example is exactly the file the config table generates', () => {
    expect(readFileSync(join(__dirname, '..', '.env.example'), 'utf8')).toBe(envExample());
  });
});
