import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

/**
 * Every page reached is scanned: WCAG 2.0, 2.1 and 2.2, levels A and AA. axe needs script to
 * run, so a page reached with JavaScript disabled is scanned as a copy: its DOM (exactly the
 * server's HTML, since no script ran), with every script removed, served at the same address
 * with the same stylesheet to a page where axe can run.
 */
export async function expectAccessible(page: Page, javaScript = true) {
  if (javaScript) {
    expect(await axeViolations(page), `axe violations on ${page.url()}`).toEqual([]);
    return;
  }
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
  const browser = page.context().browser();
  if (!browser) throw new Error('no browser');
  const context = await browser.newContext({ javaScriptEnabled: true });
  try {
    const copy = await context.newPage();
    // Without its #fragment: a route never matches one, so the copy would be the live page.
    const url = page.url().split('#')[0];
    await copy.route(url, (route) => route.fulfill({ contentType: 'text/html', body: html }));
    await copy.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
    await copy.goto(url);
    // Scan the page as it is seen: with its stylesheet applied (under load it has come late,
    // and an unstyled copy fails target-size on links the stylesheet makes large enough).
    await expect
      .poll(() =>
        copy.evaluate(() =>
          Array.from(document.styleSheets).some((sheet) => {
            try {
              return sheet.cssRules.length > 0;
            } catch {
              return false;
            }
          }),
        ),
      )
      .toBe(true);
    expect(await copy.locator('script').count(), 'the copy must hold no script').toBe(0);
    expect(await axeViolations(copy), `axe violations on ${url} (no JavaScript)`).toEqual([]);
  } finally {
    await context.close();
  }
}

/**
 * With JavaScript on, waits until the page has hydrated; with it off, there is nothing to wait
 * for. The tests run a debug build of the WASM, two browsers at once on two cores: compiling it
 * has taken over 10 seconds under that load, so hydration gets 30.
 */
export async function ready(page: Page, javaScript: boolean) {
  if (javaScript) {
    await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1, { timeout: 30_000 });
    // After a client-side navigation the body is already marked: wait for the page's data too.
    await expect(page.getByText('Loading…', { exact: true })).toHaveCount(0);
  }
}

/**
 * Collects script errors and console errors on Hive's own pages (a hydration mismatch shows up
 * here); the identity provider's pages are not Hive's and are not watched. A page the test
 * expects to answer with an error status logs that status as a console error: pass it.
 */
export function watchForErrors(page: Page, expectedStatuses: number[] = []): string[] {
  const errors: string[] = [];
  const hive = (url: string) => url.startsWith(`http://127.0.0.1:${process.env.HIVE_E2E_PORT ?? 3107}/`);
  page.on('pageerror', (e) => {
    if (hive(page.url())) errors.push(`pageerror: ${e.message}`);
  });
  page.on('console', (m) => {
    if (m.type() !== 'error' || !hive(page.url())) return;
    const expected = expectedStatuses.some((s) =>
      m.text().includes(`the server responded with a status of ${s}`),
    );
    if (!expected) errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  return errors;
}

export async function signInAs(page: Page, name: string, javaScript: boolean) {
  await page.goto('/auth/demo');
  await ready(page, javaScript);
  await page.getByRole('button', { name: `Sign in as ${name}` }).click();
  await expect(page.getByRole('banner').getByText(name, { exact: true })).toBeVisible();
}
