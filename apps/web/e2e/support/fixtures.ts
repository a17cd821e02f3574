import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { testServerUrl } from './servers';

const SCREENSHOTS = resolve(__dirname, '../../../../.ci/out/screenshots');
export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 800 };

export interface ApiAnswer {
  url: string;
  status: number;
  cacheControl: string | undefined;
}

/**
 * Every test: the test API as base URL; no CSP violation and no uncaught error in the page (both
 * fail the test); the API answers the page received, to check their headers.
 */
export const test = base.extend<{ apiAnswers: ApiAnswer[] }>({
  baseURL: async ({}, use) => {
    await use(testServerUrl());
  },
  page: async ({ page }, use) => {
    const problems = problemsOf(page);
    await use(page);
    expect(problems, 'the page broke a CSP rule or threw').toEqual([]);
  },
  apiAnswers: async ({ page }, use) => {
    const answers: ApiAnswer[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/api/'))
        answers.push({
          url: response.url(),
          status: response.status(),
          cacheControl: response.headers()['cache-control'],
        });
    });
    await use(answers);
  },
});

export { expect };

/**
 * What would fail a page: CSP violations and uncaught errors, collected as they happen (the `page`
 * fixture checks its own; a test that opens another person's page checks that one with this).
 */
export function problemsOf(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (load|apply|execute|connect)/i.test(message.text()))
      problems.push(`CSP: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

/** axe-core on the page once it has settled: no serious or critical violation. */
export async function expectAccessible(page: Page): Promise<void> {
  await transitionsSettled(page);
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ rule: v.id, impact: v.impact, help: v.help, where: v.nodes.map((n) => n.target.join(' ')) }));
  expect(serious, `axe: serious or critical violations on ${page.url()}`).toEqual([]);
}

/**
 * Waits for the page's finite animations and transitions to end, and for every open dialog to be fully drawn. axe
 * measures colours as they are drawn: a dialog still fading in (Mantine's modal transition) reads as text of too
 * little contrast. Mantine first renders a dialog transparent and only starts the fade a frame later, so "no
 * animation running" alone can be true just before the fade begins; a dialog counts as drawn once it and its
 * ancestors are opaque (one not displayed is not measured by axe either). Endless animations (a spinner) are not
 * waited for.
 */
async function transitionsSettled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const animating = document
        .getAnimations()
        .some(
          (animation) => animation.playState === 'running' && animation.effect?.getTiming().iterations !== Infinity,
        );
      if (animating) return false;
      const opacity = (element: Element): number => {
        let value = 1;
        for (let at: Element | null = element; at; at = at.parentElement) value *= Number(getComputedStyle(at).opacity);
        return value;
      };
      return Array.from(document.querySelectorAll('[role="dialog"], [role="alertdialog"]')).every(
        (dialog) => dialog.getClientRects().length === 0 || opacity(dialog) === 1,
      );
    },
    undefined,
    { timeout: 10_000 },
  );
}

/** The page at phone and desktop size, into .ci/out/screenshots/<name>-phone.png and -desktop.png. */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const original = page.viewportSize() ?? PHONE;
  for (const [size, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({
      path: resolve(SCREENSHOTS, `${name}-${size}.png`),
      fullPage: true,
      animations: 'disabled',
    });
  }
  await page.setViewportSize(original);
}

/** Each screen a test reaches: checked by axe and photographed at both sizes. */
export async function look(page: Page, name: string): Promise<void> {
  await expectAccessible(page);
  await screenshots(page, name);
}
