import { expect, test } from '@playwright/test';
import { expectAccessible, ready, signInAs, watchForErrors } from './helpers';

for (const javaScript of [true, false]) {
  test.describe(`JavaScript ${javaScript ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled: javaScript });

    test('a resident shares two parts, stops one, and sees it in their history and activity', async ({ page }) => {
      const errors = watchForErrors(page);
      // Nobody else shares for these two (the review test uses them too, and sharing does not
      // touch the record itself).
      await signInAs(page, javaScript ? 'Hannah Price' : 'Idris Hughes', javaScript);
      await page.getByRole('link', { name: 'Sharing your record' }).click();
      await ready(page, javaScript);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sharing your record');
      await expect(page.getByText('You have not shared anything yet.')).toBeVisible();
      await expectAccessible(page, javaScript);

      const needs = page.getByLabel('Communication and information needs');
      const wellness = page.getByLabel('About me: My wellness');
      await needs.check();
      await wellness.check();
      await page.getByRole('button', { name: 'Save sharing' }).click();
      await expect(page.getByRole('status')).toContainText('Your sharing was changed (2 parts)');
      await ready(page, javaScript);
      await expect(needs).toBeChecked();
      await expect(wellness).toBeChecked();

      await wellness.uncheck();
      await page.getByRole('button', { name: 'Save sharing' }).click();
      await expect(page.getByRole('status')).toContainText('Your sharing was changed (1 part)');
      await ready(page, javaScript);
      await expect(wellness).not.toBeChecked();
      await expect(needs).toBeChecked();
      // The consent history: a header row and three changes, newest first.
      const history = page.getByRole('table');
      await expect(history.getByRole('row')).toHaveCount(4);
      await expect(history.getByRole('row').nth(1)).toContainText('Stopped sharing');
      await expectAccessible(page, javaScript);

      await page.goto('/my/activity');
      await ready(page, javaScript);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Who has seen your record');
      await expect(page.getByRole('table').getByRole('row')).toHaveCount(4);
      await page.getByLabel('Part of your record').selectOption({ label: 'About me: My wellness' });
      await page.getByRole('button', { name: 'Show' }).click();
      await ready(page, javaScript);
      await expect(page.getByRole('table').getByRole('row')).toHaveCount(3);
      await expect(page.getByLabel('Part of your record')).toHaveValue('about-me:wellness');
      await expectAccessible(page, javaScript);

      // Where they live decides the team: found from a postcode, saved, and logged.
      await page.goto('/my/where-i-live');
      await ready(page, javaScript);
      await page.getByLabel('Find your ward from your postcode (optional)').fill('m21 9aa');
      await page.getByRole('button', { name: 'Find my ward' }).click();
      await ready(page, javaScript);
      await expect(page.getByText('Wards in M21: Chorlton, Chorlton Park.')).toBeVisible();
      await expectAccessible(page, javaScript);
      await page.getByLabel('Your home ward').selectOption({ label: 'Chorlton Park' });
      await page.getByRole('button', { name: 'Save where I live' }).click();
      await expect(page.getByRole('status')).toContainText('Where you live was saved');
      await expect(page.getByText('You live in the Chorlton and Whalley Range neighbourhood.')).toBeVisible();
      await page.goto('/my/activity');
      await expect(page.getByRole('table')).toContainText('Changed where you live');
      expect(errors).toEqual([]);
    });
  });
}
