import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, ready, signInAs, watchForErrors } from './helpers';

/** Through the real OpenID provider: its login form (any password), then its consent page. */
async function signInThroughProvider(page: Page, button: string, login: string, javaScript: boolean) {
  await page.goto('/auth/login');
  await ready(page, javaScript);
  await page.getByRole('link', { name: `Continue with ${button}`, exact: true }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

for (const javaScript of [true, false]) {
  test.describe(`JavaScript ${javaScript ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled: javaScript });

    test('a resident signs in with NHS login, lands on their home page and signs out of both', async ({ page }) => {
      const errors = watchForErrors(page);
      await page.goto('/auth/login');
      await ready(page, javaScript);
      await expect(page.getByRole('heading', { name: 'If you live in Manchester' })).toBeVisible();
      await expectAccessible(page, javaScript);

      await signInThroughProvider(page, 'NHS login', 'amira', javaScript);
      await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
      await ready(page, javaScript);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello, Amira Khan');
      await expectAccessible(page, javaScript);

      await page.getByRole('button', { name: 'Sign out' }).click();
      // The provider asks whether to end its own session too, then sends the person back.
      await page.getByRole('button', { name: 'Yes, sign me out' }).click();
      await ready(page, javaScript);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your care, in your own words');
      await page.goto('/my');
      await expect(page).toHaveURL(/\/auth\/login\?next=%2Fmy$/);
      expect(errors).toEqual([]);
    });

    test('a resident whose identity is only checked to P5 gets the restricted page (private_key_jwt)', async ({ page }) => {
      const errors = watchForErrors(page, [403]);
      await signInThroughProvider(page, 'NHS login (private key)', 'pat', javaScript);
      await ready(page, javaScript);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('We need to confirm who you are');
      await expect(page.getByRole('heading', { name: 'How to confirm who you are' })).toBeVisible();
      await expectAccessible(page, javaScript);
      const record = await page.goto('/my');
      expect(record?.status()).toBe(403);
      await ready(page, javaScript);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('We need to confirm who you are');
      expect(errors).toEqual([]);
    });

    test('an admin registers a member of staff, who then signs in and sees their team', async ({ page, browser }) => {
      test.setTimeout(60_000);
      const errors = watchForErrors(page, [422]);
      const mode = javaScript ? 'on' : 'off';
      const email = `dana.reid.${mode}@nhs.example`;

      await signInAs(page, 'Ruth Adeyemi', javaScript);
      await page.goto('/admin/staff');
      await ready(page, javaScript);
      await expectAccessible(page, javaScript);
      await page.getByRole('link', { name: 'Add someone' }).click();
      await ready(page, javaScript);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Add someone to the staff directory');
      await expectAccessible(page, javaScript);

      // First without a name: the problem is listed, and what was typed is kept.
      await page.getByLabel('Work email address').fill(email);
      await page.getByLabel('Role').selectOption({ label: 'Practitioner' });
      await page.getByLabel('Team').selectOption({ label: 'Cheetham and Crumpsall Integrated Neighbourhood Team (Cheetham and Crumpsall)' });
      await page.getByRole('button', { name: 'Add to the directory' }).click();
      const summary = page.getByRole('alert');
      await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
      await expect(summary.getByRole('link', { name: "Enter the person's full name" })).toBeVisible();
      await expect(page.getByLabel('Work email address')).toHaveValue(email);
      await expectAccessible(page, javaScript);

      await page.getByLabel('Full name').fill('Dana Reid');
      await page.getByRole('button', { name: 'Add to the directory' }).click();
      await expect(page).toHaveURL(/\/admin\/staff$/);
      await expect(page.getByRole('status')).toContainText('Dana Reid was added to the staff directory');
      await expect(page.getByRole('row', { name: new RegExp(email.replace(/\./g, '\\.')) })).toContainText('Not signed in yet');

      // Dana, in her own browser, signs in with her work account.
      const dana = await browser.newContext({ javaScriptEnabled: javaScript });
      try {
        const danaPage = await dana.newPage();
        const danaErrors = watchForErrors(danaPage);
        await signInThroughProvider(danaPage, 'your work account', `dana-${mode}`, javaScript);
        await ready(danaPage, javaScript);
        await expect(danaPage.getByRole('heading', { level: 1 })).toHaveText(
          'Cheetham and Crumpsall Integrated Neighbourhood Team',
        );
        await expectAccessible(danaPage, javaScript);
        expect(danaErrors).toEqual([]);
      } finally {
        await dana.close();
      }
      // Found by their email: the directory is longer than a page.
      await page.goto(`/admin/staff?search=${encodeURIComponent(email)}`);
      await expect(page.getByRole('row', { name: new RegExp(email.replace(/\./g, '\\.')) })).toContainText('Signed in');
      expect(errors).toEqual([]);
    });

    test('someone from a staff provider who is not in the directory is turned away', async ({ page }) => {
      const errors = watchForErrors(page, [403]);
      await signInThroughProvider(page, 'your work account', 'stranger', javaScript);
      await ready(page, javaScript);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('You are not registered to use Hive as staff');
      await expectAccessible(page, javaScript);
      await expect(page.getByRole('banner').getByRole('button', { name: 'Sign out' })).toHaveCount(0);
      expect(errors).toEqual([]);
    });
  });
}
