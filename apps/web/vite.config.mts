import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { EARLY_REQUESTS_FILE, earlyRequests } from './src/app/early-requests.mjs';

const src = fileURLToPath(new URL('./src', import.meta.url));
/**
 * The one bundle verification the CLI runs too (platform-neutral: no `node:` import, crypto injected).
 * The only file of libs/ the web app may import: an exact alias, so no other library code can follow.
 */
const auditVerification = fileURLToPath(new URL('../../libs/audit/src/bundle-verification.ts', import.meta.url));

/**
 * The web app builds into `dist/web` at the project root, next to the compiled API, which serves it
 * at `/` (libs/web-static). Hashed file names under `assets/` let the API cache them for a year.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [
    react(),
    {
      // The requests each page starts first, for the API to announce in that page's HTML (app/early-requests.ts).
      name: 'accord-early-requests',
      generateBundle() {
        this.emitFile({ type: 'asset', fileName: EARLY_REQUESTS_FILE, source: JSON.stringify(earlyRequests()) });
      },
    },
  ],
  resolve: { alias: { '@accord/audit-verification': auditVerification, '@': src } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    // No inline <script>: the API's CSP is `script-src 'self'`; small assets stay files too.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  server: {
    // `npx vite apps/web` while `npm start` runs: the dev server forwards API calls to it.
    proxy: { '/api': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' },
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
  },
});
