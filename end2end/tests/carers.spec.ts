import { expect, test } from '@playwright/test';
import { expectAccessible, ready, signInAs, watchForErrors } from './helpers';

// Each run uses a pair nobody else's test writes for: George invites Hannah (JavaScript on),
// Lin invites Idris (off). Being someone's carer changes nothing in the carer's own record.
const pairs = {
  on: { resident: 'George Walsh', carer: 'Hannah Price' },
  off: { resident: 'Lin Walsh', carer: 'Idris Hughes' },
};

for (const javaScript of [true, false]) {
  test.describe(`JavaScript ${javaScript ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled: javaScript });

    test('a resident invites a carer, who acts for them within the grant until it is revoked', async ({
      page,
      browser,
    }) => {
      const { resident, carer } = javaScript ? pairs.on : pairs.off;
      const errors = watchForErrors(page);
      await signInAs(page, resident, javaScript);
      await page.getByRole('link', { name: 'Your carers' }).click();
      await ready(page, javaScript);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your carers');
      await expectAccessible(page, javaScript);

      // A mistake first: nothing ticked. The error summary says so and nothing is lost.
      await page.getByLabel('Their name').fill(carer);
      await page.getByLabel('How they are related to you').fill('friend');
      await page.getByRole('button', { name: 'Make an invitation code' }).click();
      await expect(page.locator('.nhsuk-error-summary')).toContainText(
        'Select at least one part they can see or change',
      );
      await expect(page.getByLabel('Their name')).toHaveValue(carer);
      await ready(page, javaScript);

      const see = page.getByRole('group', { name: 'What they can see' });
      const change = page.getByRole('group', { name: 'What they can also change' });
      await see.getByLabel('Goals and progress notes').check();
      await change.getByLabel('Communication and information needs').check();
      await page.getByRole('button', { name: 'Make an invitation code' }).click();
      await expect(page.getByRole('status')).toContainText(`Invitation made for ${carer}`);
      const code = (await page.locator('#invitation-code').textContent())?.trim() ?? '';
      expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      await expectAccessible(page, javaScript);

      // The carer, in a browser of their own.
      const theirs = await browser.newContext({ javaScriptEnabled: javaScript });
      const carerPage = await theirs.newPage();
      const carerErrors = watchForErrors(carerPage, [403, 404]);
      await signInAs(carerPage, carer, javaScript);
      await carerPage.getByRole('link', { name: 'People I care for' }).first().click();
      await ready(carerPage, javaScript);
      await carerPage.getByLabel('Invitation code').fill(code.toLowerCase());
      await carerPage.getByRole('button', { name: 'Accept the invitation' }).click();
      await expect(carerPage.getByRole('status')).toContainText(`You now care for ${resident}`);
      await ready(carerPage, javaScript);
      await expectAccessible(carerPage, javaScript);

      await carerPage.getByRole('button', { name: `Act for ${resident}` }).click();
      await expect(carerPage.getByRole('banner')).toContainText(`You are acting for ${resident}`);
      await expect(carerPage.getByRole('heading', { level: 1 })).toHaveText(`${resident}'s record`);
      await ready(carerPage, javaScript);
      await expectAccessible(carerPage, javaScript);
      await expect(carerPage.getByRole('link', { name: 'Sharing your record' })).toHaveCount(0);

      // A part they may change: saved, and marked as theirs in the history.
      await carerPage.getByRole('link', { name: 'Communication needs', exact: true }).click();
      await ready(carerPage, javaScript);
      await carerPage.getByLabel('Easy Read').check();
      await carerPage.getByRole('button', { name: 'Save' }).click();
      await expect(carerPage.getByRole('status')).toContainText('communication needs were saved');
      await carerPage.goto('/my/needs/history');
      await ready(carerPage, javaScript);
      await expect(carerPage.getByText(`By ${carer} (carer)`).first()).toBeVisible();

      // A part they may only see shows without its form; adding to it is refused; a part
      // outside the grant is not found.
      await carerPage.goto('/my/goals');
      await ready(carerPage, javaScript);
      await expect(carerPage.getByRole('heading', { level: 1 })).toContainText('goals');
      await carerPage.goto('/my/goals/new');
      await expect(carerPage.getByRole('heading', { level: 1 })).toHaveText('You cannot see this page');
      await carerPage.goto('/my/about-me/wellness');
      await expect(carerPage.getByRole('heading', { level: 1 })).toHaveText('Page not found');

      // The resident revokes; the carer's next click is refused.
      await carerPage.goto('/my');
      await ready(carerPage, javaScript);
      await page.goto('/my/carers');
      await ready(page, javaScript);
      await page.getByRole('link', { name: new RegExp(`^${carer} \\(friend\\)`) }).click();
      await ready(page, javaScript);
      await page.getByRole('button', { name: 'Stop them acting for you' }).click();
      await expect(page.getByRole('status')).toContainText(`${carer} can no longer see or change your record`);

      await carerPage.getByRole('link', { name: 'Communication needs', exact: true }).click();
      await expect(carerPage.getByRole('heading', { level: 1 })).toHaveText('Page not found');
      await expect(carerPage.getByRole('banner')).toContainText('Your permission to act for this person has ended');
      await ready(carerPage, javaScript);
      await carerPage.getByRole('button', { name: 'Back to your own record' }).click();
      await expect(carerPage.getByRole('heading', { level: 1 })).toHaveText(`Hello, ${carer}`);

      // The resident sees the carer's reads and writes, and every carer change.
      await page.goto('/my/activity');
      await ready(page, javaScript);
      const log = page.getByRole('table');
      await expect(log).toContainText(`${carer} (your carer)`);
      await expect(log.getByRole('row').filter({ hasText: 'Changed' }).first()).toContainText(
        'Communication and information needs',
      );
      await expect(log).toContainText('Read');
      await expect(log).toContainText('Revoked a carer');
      await expect(log).toContainText('Accepted your invitation to be your carer');
      await expectAccessible(page, javaScript);
      await theirs.close();
      expect(errors).toEqual([]);
      expect(carerErrors).toEqual([]);
    });
  });
}
