import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, ready, signInAs, watchForErrors } from './helpers';

const PAYLOAD = '</textarea><script>alert(1)</script>\n<img src=x onerror=alert(1)>\n"><svg onload=alert(1)>';

async function openSection(page: Page, title: string, javaScript: boolean) {
  await page.goto('/my/about-me');
  await ready(page, javaScript);
  await page.getByRole('link', { name: new RegExp(`: ${title}$`) }).click();
  await ready(page, javaScript);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
}

for (const javaScript of [true, false]) {
  test.describe(`JavaScript ${javaScript ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled: javaScript });

    test('a resident writes About Me in their own words and sees its history', async ({ page }) => {
      const errors = watchForErrors(page, [422]);
      page.on('dialog', (d) => {
        errors.push(`a dialog opened: ${d.message()}`);
        void d.dismiss();
      });
      // Each run writes its own section of George's record: the two runs share one Hive.
      const title = javaScript ? 'My wellness' : 'How and when to support me';
      await signInAs(page, 'George Walsh', javaScript);
      await page.goto('/my/about-me');
      await ready(page, javaScript);
      await expectAccessible(page, javaScript);

      await openSection(page, title, javaScript);
      // The limit is stated under the box; with JavaScript the live count replaces it on screen
      // (it stays for screen readers, which the box is described by).
      await expect(page.locator('#text-info')).toHaveText('You can enter up to 5,000 characters');
      if (!javaScript) await expect(page.locator('#text-info')).toBeVisible();
      await expectAccessible(page, javaScript);
      const box = page.getByLabel(`${title} (in your own words)`);
      await box.fill(`Walking to the park.\n${PAYLOAD}`);
      // With JavaScript the character count island counts down as the person types; without
      // it, the message under the box states the limit and nothing live is shown.
      const count = page.locator('#text-count');
      if (javaScript) {
        const left = 5000 - `Walking to the park.\n${PAYLOAD}`.length;
        await expect(count).toHaveText(`You have ${left.toLocaleString('en-GB')} characters remaining`);
        await box.fill('x'.repeat(5002));
        await expect(count).toHaveText('You have 2 characters too many');
        await box.fill(`Walking to the park.\n${PAYLOAD}`);
      } else {
        await expect(count).toHaveText('');
      }
      // A helper's name without how they know George: the problem is listed, the text kept.
      await page.getByLabel('Their name').fill('Lin Walsh');
      // With JavaScript the post goes in the background: the page is not loaded again.
      if (javaScript) await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
      await page.getByRole('button', { name: 'Save' }).click();
      const summary = page.getByRole('alert');
      await expect(summary.getByRole('link', { name: /Say how they know you/ })).toBeVisible();
      // The error summary (nhsuk-frontend's: its alert is inside it) takes focus as the page loads.
      await expect(page.locator('.nhsuk-error-summary')).toBeFocused();
      await expect(box).toHaveValue(`Walking to the park.\n${PAYLOAD}`);
      await expectAccessible(page, javaScript);
      await page.getByLabel('How they know you').fill('daughter');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page).toHaveURL(/\/my\/about-me$/);
      if (javaScript) {
        expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
        await expect(page).toHaveTitle(/^About me/);
      }
      await ready(page, javaScript);
      await expect(page.getByRole('status')).toContainText(`Saved: ${title}`);
      const section = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title }) });
      await expect(section.getByText('<img src=x onerror=alert(1)>')).toBeVisible();
      await expect(section.getByText('Supported to write this by Lin Walsh (daughter)')).toBeVisible();
      await expect(page.getByText(/^Last updated \d+ \w+ \d{4}$/)).toBeVisible();
      await expectAccessible(page, javaScript);

      // A second version, then the comparison between the two.
      await openSection(page, title, javaScript);
      await expect(box).toHaveValue(`Walking to the park.\n${PAYLOAD}`);
      await box.fill(`Swimming on Tuesdays.\n${PAYLOAD}`);
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page).toHaveURL(/\/my\/about-me$/);
      await page.getByRole('link', { name: `History of ${title}` }).click();
      await ready(page, javaScript);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(`History: ${title}`);
      await expect(page.getByRole('heading', { name: 'What changed from version 1 to version 2' })).toBeVisible();
      await expect(page.locator('del')).toContainText('Walking to the park.');
      await expect(page.locator('ins')).toContainText('Swimming on Tuesdays.');
      await expectAccessible(page, javaScript);
      expect(errors).toEqual([]);
    });

    test('a stale edit from another window is refused and the typed text is kept', async ({ browser }) => {
      const mode = javaScript ? 'on' : 'off';
      const first = await browser.newContext({ javaScriptEnabled: javaScript });
      const second = await browser.newContext({ javaScriptEnabled: javaScript });
      try {
        const a = await first.newPage();
        const b = await second.newPage();
        const errors = watchForErrors(a, [409]);
        await signInAs(a, 'Amira Khan', javaScript);
        await signInAs(b, 'Amira Khan', javaScript);
        const [title, path] = javaScript
          ? ['Also worth knowing about me', '/my/about-me/also-worth-knowing']
          : ['People who are important to me', '/my/about-me/important-people'];
        await a.goto(path);
        await ready(a, javaScript);
        await b.goto(path);
        await ready(b, javaScript);
        await b.getByLabel(`${title} (in your own words)`).fill(`Saved in the other window (${mode})`);
        await b.getByRole('button', { name: 'Save' }).click();
        await expect(b.getByRole('status')).toContainText(`Saved: ${title}`);

        const box = a.getByLabel(`${title} (in your own words)`);
        await box.fill(`My careful words (${mode})`);
        await a.getByRole('button', { name: 'Save' }).click();
        await expect(a.getByRole('alert')).toContainText('was changed and saved after you started editing it');
        await expect(box).toHaveValue(`My careful words (${mode})`);
        await expect(a.getByRole('heading', { name: 'What is saved now' })).toBeVisible();
        await expect(a.getByText(`Saved in the other window (${mode})`)).toBeVisible();
        await expectAccessible(a, javaScript);
        // Having seen both, saving again keeps their words as the newest version.
        await a.getByRole('button', { name: 'Save' }).click();
        await expect(a).toHaveURL(/\/my\/about-me$/);
        await expect(a.getByText(`My careful words (${mode})`)).toBeVisible();
        expect(errors).toEqual([]);
      } finally {
        await first.close();
        await second.close();
      }
    });
  });
}
