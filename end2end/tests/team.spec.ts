import { expect, test } from '@playwright/test';
import { expectAccessible, ready, signInAs, watchForErrors } from './helpers';

// George Walsh shares his needs, what matters most to him and his goals with the Chorlton and
// Whalley Range team (the demo data). Nothing here changes his record: Priya only marks what she
// read (another test may change his needs meanwhile, so versions are not pinned).
for (const javaScript of [true, false]) {
  test.describe(`JavaScript ${javaScript ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled: javaScript });

    test('the serving team finds a resident in its queue and reads the shared record, needs first', async ({
      page,
      browser,
    }) => {
      const errors = watchForErrors(page);
      await signInAs(page, 'Priya Shah', javaScript);
      await page.goto('/team');
      await ready(page, javaScript);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(
        'Chorlton and Whalley Range Integrated Neighbourhood Team',
      );
      const queue = page.getByRole('table', { name: /Residents who share their record/ });
      await expect(queue).toContainText('George Walsh');
      await expectAccessible(page, javaScript);

      await queue.getByRole('link', { name: 'George Walsh' }).click();
      await ready(page, javaScript);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('George Walsh');
      // The communication needs come straight after the name, before anything else.
      const flag = page.getByRole('region', { name: 'Communication needs' });
      await expect(flag).toBeVisible();
      const first = await page.locator('main h1 + *').getAttribute('aria-label');
      expect(first).toBe('Communication needs');
      await expect(page.getByRole('heading', { name: 'What is most important to me' })).toBeVisible();
      await expectAccessible(page, javaScript);
      const address = page.url();

      // "I have read this version", under the needs.
      await page.getByRole('button', { name: /^I have read version \d+ of / }).first().click();
      await expect(page.getByRole('status')).toContainText('Marked as read');
      await expect(page.getByText(/Read by Priya Shah, Team lead, Chorlton and Whalley Range/).first()).toBeVisible();
      await ready(page, javaScript);
      await expectAccessible(page, javaScript);

      // Another team's member of staff: not found.
      const other = await browser.newContext({ javaScriptEnabled: javaScript });
      const sam = await other.newPage();
      const samErrors = watchForErrors(sam, [404]);
      await signInAs(sam, 'Sam Okafor', javaScript);
      await sam.goto(address);
      await expect(sam.getByRole('heading', { level: 1 })).toHaveText('Page not found');
      await other.close();
      expect(errors).toEqual([]);
      expect(samErrors).toEqual([]);
    });
  });
}
