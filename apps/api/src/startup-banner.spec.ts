import { loadConfig } from '@accord/config';
import { DEMO_PASSWORD, demoJourneys } from '@accord/identity';
import { startupBanner } from './startup-banner';

describe('startupBanner', () => {
  it('says where to open the portal and, on the embedded demo, who to log in as for each journey', () => {
    const banner = startupBanner(loadConfig({}), 3000, []);
    expect(banner).toContain('open http://127.0.0.1:3000/ in a browser');
    expect(banner).toContain('Demo city (embedded mode only): open http://127.0.0.1:3000/ and log in as');
    const journeys = demoJourneys();
    expect(journeys.map((j) => j.key)).toEqual([
      'police-liaison',
      'outreach-worker',
      'program-manager',
      'org-admin',
      'board-member',
    ]);
    for (const journey of journeys) {
      const line = banner.split('\n').find((l) => l.trimStart().startsWith(journey.summary));
      expect(line).toBeDefined();
      expect(journey.accounts.length).toBeGreaterThan(0);
      for (const account of journey.accounts) expect(line).toContain(account.email);
    }
    expect(banner).toContain(DEMO_PASSWORD);
    expect(banner).toContain('npm run accord -- demo-code <email>');
  });

  it('lists no demo accounts against an external database', () => {
    const banner = startupBanner(
      loadConfig({ NODE_ENV: 'development', DATABASE_URL: 'postgres://accord@db.example/accord' }),
      8080,
      [],
    );
    expect(banner).toContain('open http://127.0.0.1:8080/ in a browser');
    expect(banner).not.toContain('Demo city');
    expect(banner).not.toContain(DEMO_PASSWORD);
  });
});
