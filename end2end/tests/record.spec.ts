import { expect, test } from '@playwright/test';
import { expectAccessible, ready, signInAs, watchForErrors } from './helpers';

for (const javaScript of [true, false]) {
  test.describe(`JavaScript ${javaScript ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled: javaScript });

    test('communication needs are saved from checkboxes and flagged first on the record', async ({ page }) => {
      // George's needs: each run ticks its own box, so the two runs can share his record.
      const errors = watchForErrors(page, [409]);
      const format = javaScript ? 'Braille' : 'Audio';
      await signInAs(page, 'George Walsh', javaScript);
      await page.goto('/my/needs');
      await ready(page, javaScript);
      await expectAccessible(page, javaScript);
      await page.getByRole('group', { name: 'Information in a different format' }).getByLabel(format).check();
      await page.getByLabel('How to talk with me (optional)').fill('Write things down for me.');
      await page.getByRole('button', { name: 'Save' }).click();
      // Saved, the resident is back on their record's home page, the flag first.
      await expect(page).toHaveURL(/\/my$/);
      await ready(page, javaScript);
      await expect(page.getByRole('status')).toContainText('Your communication needs were saved');
      const flag = page.getByRole('region', { name: 'Communication needs' });
      await expect(flag).toContainText(format);
      await expect(flag).toContainText('How to talk with me: Write things down for me.');
      await expectAccessible(page, javaScript);
      await page.goto('/my/needs');
      await ready(page, javaScript);
      await expect(page.getByLabel(format)).toBeChecked();
      await expectAccessible(page, javaScript);
      await page.getByRole('link', { name: 'History of your needs' }).click();
      await ready(page, javaScript);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('History of your communication needs');
      await expectAccessible(page, javaScript);
      expect(errors).toEqual([]);
    });

    test('a resident adds a goal, notes progress and removes it, and it moves to past goals', async ({ page }) => {
      const errors = watchForErrors(page, [422]);
      const mode = javaScript ? 'on' : 'off';
      const description = `Swim a length (${mode})`;
      await signInAs(page, 'George Walsh', javaScript);
      await page.goto('/my/goals');
      await ready(page, javaScript);
      await expectAccessible(page, javaScript);
      await page.getByRole('link', { name: 'Add a goal' }).click();
      await ready(page, javaScript);
      await page.getByLabel('What I want to be able to do').fill(description);
      await page.getByLabel('Day').fill('31');
      await page.getByLabel('Month').fill('4');
      await page.getByLabel('Year').fill('2027');
      await page.getByRole('button', { name: 'Add goal' }).click();
      await expect(page.getByRole('alert')).toContainText('The target date must be a real date');
      await expect(page.getByLabel('What I want to be able to do')).toHaveValue(description);
      await expectAccessible(page, javaScript);
      // Only the box that is wrong is marked (April has no 31st).
      await expect(page.getByLabel('Day')).toHaveClass(/nhsuk-input--error/);
      await expect(page.getByLabel('Month')).not.toHaveClass(/nhsuk-input--error/);
      await expect(page.getByLabel('Year')).not.toHaveClass(/nhsuk-input--error/);
      // A box left empty is named, marked, and the summary's link goes to it.
      await page.getByLabel('Month').fill('');
      await page.getByRole('button', { name: 'Add goal' }).click();
      await expect(page.getByRole('alert')).toContainText('The target date must include a month');
      await expect(page.getByLabel('Month')).toHaveClass(/nhsuk-input--error/);
      await expect(page.getByLabel('Day')).not.toHaveClass(/nhsuk-input--error/);
      await page.getByRole('alert').getByRole('link', { name: 'The target date must include a month' }).click();
      await expect(page.getByLabel('Month')).toBeFocused();
      await page.getByLabel('Month').fill('4');
      await page.getByLabel('Day').fill('30');
      await page.getByRole('button', { name: 'Add goal' }).click();
      await expect(page).toHaveURL(/\/my\/goals$/);
      await expect(page.getByRole('status')).toContainText('Your goal was added');

      await page.getByRole('link', { name: description }).click();
      await ready(page, javaScript);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(description);
      await expectAccessible(page, javaScript);
      await page.getByLabel('Add a progress note').fill('Managed half a length <b>today</b>');
      await page.getByRole('button', { name: 'Add note' }).click();
      await expect(page.getByRole('status')).toContainText('Your progress note was added');
      await expect(page.getByText('Managed half a length <b>today</b>')).toBeVisible();
      await page.getByRole('link', { name: 'History of this goal' }).click();
      await ready(page, javaScript);
      await expectAccessible(page, javaScript);
      await page.goBack();
      await ready(page, javaScript);
      await page.getByLabel('It was added by mistake (entered in error)').check();
      await page.getByRole('button', { name: 'Remove goal' }).click();
      await expect(page).toHaveURL(/\/my\/goals$/);
      await expect(page.getByRole('status')).toContainText('The goal was marked entered in error');
      const past = page.locator('h2:has-text("Past goals") + * , h2:has-text("Past goals") ~ ul').last();
      await expect(past).toContainText(description);
      expect(errors).toEqual([]);
    });

    test('a resident says how true a statement feels, and earlier answers stay', async ({ page }) => {
      const errors = watchForErrors(page);
      const code = javaScript ? 'plan-together' : 'carers-supported';
      const mode = javaScript ? 'on' : 'off';
      await signInAs(page, 'George Walsh', javaScript);
      for (const [truth, comment] of [['A little true', `first (${mode})`], ['Mostly true', `second (${mode})`]]) {
        await page.goto(`/my/statements/${code}`);
        await ready(page, javaScript);
        await expectAccessible(page, javaScript);
        await page.getByLabel(truth).check();
        await page.getByLabel('Anything you want to add? (optional)').fill(comment);
        await page.getByRole('button', { name: 'Save answer' }).click();
        await expect(page).toHaveURL(/\/my\/statements$/);
      }
      await ready(page, javaScript);
      await expect(page.getByRole('status')).toContainText('Your answer was saved');
      await expect(page.getByText(`A little true: first (${mode})`)).toBeAttached();
      await expectAccessible(page, javaScript);
      expect(errors).toEqual([]);
    });

    test('the summary prints on one or two A4 pages for the demo resident', async ({ page }) => {
      const errors = watchForErrors(page);
      await signInAs(page, 'Amira Khan', javaScript);
      await page.goto('/my/summary');
      await ready(page, javaScript);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Amira Khan: about me and my care');
      await expect(page.getByRole('heading', { name: 'Things you must know about me' })).toBeVisible();
      await expectAccessible(page, javaScript);
      if (javaScript) {
        // page.pdf prints with the print stylesheet, as a person printing would.
        const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
        const pages = (pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
        expect(pages, 'A4 pages').toBeGreaterThanOrEqual(1);
        expect(pages, 'A4 pages').toBeLessThanOrEqual(2);
      }
      expect(errors).toEqual([]);
    });
  });
}

for (const javaScript of [true, false]) {
  test.describe(`JavaScript ${javaScript ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled: javaScript });

    test('a resident asked to review their record confirms nothing has changed in one step', async ({ page }) => {
      // Each run has its own demo resident whose record was written seven months ago.
      const name = javaScript ? 'Hannah Price' : 'Idris Hughes';
      const errors = watchForErrors(page);
      await signInAs(page, name, javaScript);
      await page.goto('/my');
      await ready(page, javaScript);
      await expect(page.getByRole('heading', { name: 'Time to check your record' })).toBeVisible();
      await expectAccessible(page, javaScript);
      await page.getByRole('button', { name: 'Nothing has changed' }).click();
      await expect(page.getByRole('status')).toContainText('Thank you. Your record is marked as reviewed today.');
      await expect(page.getByRole('heading', { name: 'Time to check your record' })).toHaveCount(0);
      await expect(page.getByText(/Your record was last reviewed on \d+ \w+ \d{4}\./)).toBeVisible();
      expect(errors).toEqual([]);
    });
  });
}

test('the resident home shows the communication-needs box and the review line once, load after load', async ({
  page,
}) => {
  // Seen before islands: after hydration the box and the "last reviewed" line were sometimes
  // there twice. Each load is checked after the page's script has run.
  const errors = watchForErrors(page);
  await signInAs(page, 'Amira Khan', true);
  for (let load = 0; load < 5; load++) {
    if (load === 0) await page.goto('/my');
    else await page.reload();
    await ready(page, true);
    await page.waitForLoadState('networkidle');
    await expect(page.getByRole('region', { name: 'Communication needs' })).toHaveCount(1);
    await expect(page.getByText(/^Your record was last reviewed on/)).toHaveCount(1);
  }
  expect(errors).toEqual([]);
});
