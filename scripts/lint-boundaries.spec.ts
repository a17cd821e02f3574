import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '..');

interface Fixture {
  /** Where the fixture pretends to live (the rule decides by path). */
  file: string;
  code: string;
}

/**
 * Lints in-memory fixtures with the repo's own eslint.config.mjs (so the rule is proven wired in,
 * not only written) and returns the boundary rule's messages per fixture. ESLint loads its flat
 * config with a native dynamic import, which Jest's module sandbox does not allow, so the linting
 * runs in a child Node process.
 */
function boundaryMessages(fixtures: Fixture[]): string[][] {
  const program = `
    import { ESLint } from 'eslint';
    const fixtures = JSON.parse(process.argv[1]);
    const eslint = new ESLint({ cwd: process.cwd() });
    const out = [];
    for (const f of fixtures) {
      const [result] = await eslint.lintText(f.code, { filePath: f.file });
      out.push(result.messages.filter((m) => m.ruleId === 'accord/lib-boundaries').map((m) => m.message));
    }
    process.stdout.write(JSON.stringify(out));
  `;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', program, JSON.stringify(fixtures)], {
    cwd: root,
    encoding: 'utf8',
  });
  return JSON.parse(stdout) as string[][];
}

describe('lib boundaries (eslint-boundaries.mjs)', () => {
  const cases: Array<{ name: string; fixture: Fixture; refused: RegExp | null }> = [
    {
      name: "refuses a lib's service importing another lib's entities",
      fixture: {
        file: 'libs/referrals/src/boundary-fixture.service.ts',
        code: "import { Disclosure } from '@accord/entities/sharing';\nexport const d = Disclosure;\n",
      },
      refused: /libs\/referrals may not import the sharing lib's entities/,
    },
    {
      name: "refuses an app importing a lib's entities",
      fixture: {
        file: 'apps/api/src/boundary-fixture.ts',
        code: "import { User } from '@accord/entities/identity';\nexport const u = User;\n",
      },
      refused: /apps may not import the identity lib's entities/,
    },
    {
      name: "refuses an e2e suite importing a lib's entities (it goes through the API)",
      fixture: {
        file: 'apps/api/test/boundary-fixture.e2e-spec.ts',
        code: "import type { Referral } from '@accord/entities/referrals';\nexport type R = Referral;\n",
      },
      refused: /may not import the referrals lib's entities/,
    },
    {
      name: 'refuses a deep alias into another lib',
      fixture: {
        file: 'libs/channels/src/boundary-fixture.ts',
        code: "export { Disclosure } from '@accord/sharing/disclosure.entity';\n",
      },
      refused: /reaches into the sharing lib's internals/,
    },
    {
      name: 'refuses a relative path into another lib',
      fixture: {
        file: 'libs/notify/src/boundary-fixture.ts',
        code: "import { InboxEntry } from '../../sharing/src/inbox-entry.entity';\nexport const e = InboxEntry;\n",
      },
      refused: /reaches into libs\/sharing by a relative path/,
    },
    {
      name: 'refuses a type-only import() into another lib',
      fixture: {
        file: 'libs/reports/src/boundary-fixture.ts',
        code: "export type A = import('@accord/entities/agreements').Agreement;\n",
      },
      refused: /libs\/reports may not import the agreements lib's entities/,
    },
    {
      name: 'refuses a lib importing an app',
      fixture: {
        file: 'libs/testing/src/boundary-fixture.ts',
        code: "export { createApiApp } from '../../../apps/api/src/create-api-app';\n",
      },
      refused: /makes a lib depend on an app/,
    },
    {
      name: "allows an entity file's relation to another lib's entity",
      fixture: {
        file: 'libs/referrals/src/boundary-fixture.entity.ts',
        code: "import { Organization } from '@accord/entities/identity';\nexport const o = Organization;\n",
      },
      refused: null,
    },
    {
      name: 'allows the schema module to collect every entity',
      fixture: {
        file: 'libs/schema/src/boundary-fixture.ts',
        code: "import { Incident } from '@accord/entities/sharing';\nexport const i = Incident;\n",
      },
      refused: null,
    },
    {
      name: "allows the public index and the lib's own files",
      fixture: {
        file: 'libs/sharing/src/boundary-fixture.service.ts',
        code: [
          "import { AuditService } from '@accord/audit';",
          "import { Incident } from './incident.entity';",
          'export const x = [AuditService, Incident];',
        ].join('\n'),
      },
      refused: null,
    },
  ];

  let messages: string[][] = [];
  beforeAll(() => {
    messages = boundaryMessages(cases.map((c) => c.fixture));
  }, 60_000);

  it.each(cases.map((c, i) => [c.name, i] as const))('%s', (_name, i) => {
    const c = cases[i]!;
    const found = messages[i];
    if (c.refused) {
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(c.refused);
    } else {
      expect(found).toEqual([]);
    }
  });
});
