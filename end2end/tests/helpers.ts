import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Every page reached is scanned: WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/** With JavaScript on, waits until the page has hydrated; with it off, there is nothing to wait for. */
export async function ready(page: Page, javaScript: boolean) {
  if (javaScript) {
    await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
  }
}

/** Fails the test on any script error or console error (a hydration mismatch shows up here). */
export function watchForErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

export async function signInAs(page: Page, name: string, javaScript: boolean) {
  await page.goto('/auth/demo');
  await ready(page, javaScript);
  await page.getByRole('button', { name: `Sign in as ${name}` }).click();
  await expect(page.getByText(name, { exact: true }).first()).toBeVisible();
}
