import { expect, test } from '@playwright/test';
import { expectAccessible, ready, signInAs, watchForErrors } from './helpers';

for (const javaScript of [true, false]) {
  test.describe(`JavaScript ${javaScript ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled: javaScript });

    test('an admin adds a ward, fixing a mistake first, and every admin page is accessible', async ({ page }) => {
      test.setTimeout(90_000);
      const errors = watchForErrors(page, [422]);
      const mode = javaScript ? 'on' : 'off';
      await signInAs(page, 'Ruth Adeyemi', javaScript);
      for (const path of ['/admin', '/admin/staff', '/admin/staff/new', '/admin/places', '/admin/places/neighbourhood/new', '/admin/places/team/new', '/admin/places/rename']) {
        await page.goto(path);
        await ready(page, javaScript);
        await expect(page.locator('h1')).toHaveCount(1);
        await expectAccessible(page, javaScript);
      }

      // The demo's directory is longer than a page: the next page is a numbered link, and a
      // team's people fit on one.
      await page.goto('/admin/staff');
      await ready(page, javaScript);
      const pages = page.getByRole('navigation', { name: 'Pagination' });
      await expect(pages.getByRole('link', { name: 'Page 1' })).toHaveAttribute('aria-current', 'page');
      await pages.getByRole('link', { name: 'Page 2' }).click();
      await ready(page, javaScript);
      await expect(page.getByRole('table', { name: /, 51 to \d+ shown$/ })).toBeVisible();
      await expectAccessible(page, javaScript);
      await page.getByLabel('Team').selectOption({ label: 'Chorlton and Whalley Range Integrated Neighbourhood Team' });
      await page.getByRole('button', { name: 'Search' }).click();
      await ready(page, javaScript);
      await expect(page.getByRole('table', { name: /^\d+ of the \d+ people in the directory$/ })).toContainText('Kelly Byrne');
      await expect(page.getByRole('navigation', { name: 'Pagination' })).toHaveCount(0);
      // An entry's page leads back to the directory as it was shown.
      await page.getByRole('link', { name: 'Change Kelly Byrne' }).click();
      await ready(page, javaScript);
      await page.getByRole('link', { name: 'Back to the staff directory' }).click();
      await ready(page, javaScript);
      await expect(page).toHaveURL(/\/admin\/staff\?team=\d+$/);
      await expect(page.getByLabel('Team')).toHaveValue(/^\d+$/);
      // So does saving a change there.
      await page.getByRole('link', { name: 'Change Kelly Byrne' }).click();
      await ready(page, javaScript);
      await page.getByRole('button', { name: 'Save changes' }).click();
      await expect(page.getByRole('status')).toContainText('The entry for Kelly Byrne was changed');
      await expect(page).toHaveURL(/\/admin\/staff\?team=\d+$/);
      await ready(page, javaScript);

      // Someone added to the directory is found by part of their name, in any case; another
      // role finds nobody by that name.
      await page.goto('/admin/staff/new');
      await ready(page, javaScript);
      await page.getByLabel('Full name').fill(`Esme Findable ${mode}`);
      await page.getByLabel('Work email address').fill(`esme.findable.${mode}@nhs.example`);
      await page.getByLabel('Role').selectOption({ label: 'Engagement officer' });
      await page.getByRole('button', { name: 'Add to the directory' }).click();
      await expect(page.getByRole('status')).toContainText('was added to the staff directory');
      await ready(page, javaScript);
      await page.getByLabel('Search by name or email').fill(`FINDABLE ${mode.toUpperCase()}`);
      await page.getByRole('button', { name: 'Search' }).click();
      await ready(page, javaScript);
      const directory = page.getByRole('table', { name: /^1 of the \d+ people in the directory/ });
      await expect(directory).toContainText(`esme.findable.${mode}@nhs.example`);
      await expect(page.getByLabel('Search by name or email')).toHaveValue(`FINDABLE ${mode.toUpperCase()}`);
      await expectAccessible(page, javaScript);
      await page.getByLabel('Role').selectOption({ label: 'Administrator' });
      await page.getByRole('button', { name: 'Search' }).click();
      await ready(page, javaScript);
      await expect(page.getByText('Nobody in the directory matches')).toBeVisible();
      await expectAccessible(page, javaScript);

      await page.goto('/admin/places/ward/new');
      await ready(page, javaScript);
      await page.getByLabel('Code').fill(`Not A Code ${mode}`);
      await page.getByLabel('Name', { exact: true }).fill(`Strangeways ${mode}`);
      await page.getByLabel('Neighbourhood').selectOption({ label: 'Cheetham and Crumpsall' });
      await page.getByRole('button', { name: 'Add ward' }).click();
      const summary = page.getByRole('alert');
      await expect(summary.getByRole('link', { name: /Code: Use lower-case letters/ })).toBeVisible();
      await expect(page.getByLabel('Name', { exact: true })).toHaveValue(`Strangeways ${mode}`);
      await expect(page.getByLabel('Neighbourhood')).toHaveValue('cheetham-crumpsall');
      await expectAccessible(page, javaScript);
      // The summary's link takes keyboard users to the field.
      await summary.getByRole('link', { name: /Code: Use lower-case letters/ }).click();
      if (javaScript) await expect(page.getByLabel('Code')).toBeFocused();

      await page.getByLabel('Code').fill(`ward-strangeways-${mode}`);
      await page.getByRole('button', { name: 'Add ward' }).click();
      await expect(page).toHaveURL(/\/admin\/places$/);
      await expect(page.getByRole('status')).toContainText(`Ward Strangeways ${mode} was added`);
      await expect(page.getByRole('row', { name: /Cheetham and Crumpsall/ })).toContainText(`Strangeways ${mode}`);
      expect(errors).toEqual([]);
    });

    test('staff who are not admins are refused the admin pages', async ({ page }) => {
      const errors = watchForErrors(page, [403]);
      await signInAs(page, 'Priya Shah', javaScript);
      for (const path of ['/admin/staff', '/admin/places/ward/new']) {
        const response = await page.goto(path);
        expect(response?.status()).toBe(403);
        await ready(page, javaScript);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText('You cannot see this page');
      }
      expect(errors).toEqual([]);
    });
  });
}
