import { expect, test } from '@playwright/test';
import * as fs from 'node:fs';
import { expectAccessible, ready, signInAs, watchForErrors } from './helpers';

// An engagement officer builds a campaign; an anonymous visitor answers it at its public link,
// with a phone number in what they wrote; the officer redacts it and publishes the story; the
// dashboard shows the demo campaign's counts (some suppressed) and its figures download as CSV.
for (const javaScript of [true, false]) {
  test.describe(`JavaScript ${javaScript ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled: javaScript });

    test('a campaign is built, answered anonymously, moderated and counted', async ({ page, browser }) => {
      const mode = javaScript ? 'on' : 'off';
      const errors = watchForErrors(page);
      await signInAs(page, 'Joe Murphy', javaScript);
      await page.getByRole('link', { name: 'Campaigns' }).click();
      await ready(page, javaScript);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Campaigns');
      await expect(page.getByRole('link', { name: 'How are we doing?' })).toBeVisible();
      await expectAccessible(page, javaScript);

      // A campaign with a mistake first: the error summary names it, and what was typed stays.
      await page.getByText('Start a new campaign').click();
      await page.getByLabel('Title').fill(`Home visits ${mode}`);
      await page.getByLabel('What it is about, and who it is for').fill('How were your home visits?');
      await page.getByLabel('Chorlton and Whalley Range').check();
      const opens = page.getByRole('group', { name: 'Opens on' });
      await opens.getByLabel('Day').fill('1');
      await opens.getByLabel('Month').fill('11');
      await opens.getByLabel('Year').fill('2026');
      const closes = page.getByRole('group', { name: 'Closes on' });
      await closes.getByLabel('Day').fill('31');
      await closes.getByLabel('Month').fill('2');
      await closes.getByLabel('Year').fill('2099');
      await page.getByRole('button', { name: 'Add campaign' }).click();
      await expect(page.getByRole('alert')).toContainText('The closing date must be a real date');
      await ready(page, javaScript);
      await expect(page.getByLabel('Title')).toHaveValue(`Home visits ${mode}`);
      await expectAccessible(page, javaScript);
      await page.getByRole('group', { name: 'Closes on' }).getByLabel('Day').fill('28');
      await page.getByRole('button', { name: 'Add campaign' }).click();
      await expect(page.getByRole('status')).toContainText('Campaign added');
      await ready(page, javaScript);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Home visits ${mode}`);
      await expect(page.getByText(`/c/home-visits-${mode}`).first()).toBeVisible();

      // Questions: the Friends and Family Test, then a rating; then the rating moves up.
      await page.getByLabel('Friends and Family Test (with its two follow-up questions)').check();
      await page.getByRole('button', { name: 'Add question' }).click();
      await expect(page.getByRole('status')).toContainText('Question added');
      await ready(page, javaScript);
      await page.getByText('Add a question', { exact: true }).click();
      await page.getByLabel('Rating from 1 (worst) to 5 (best)').check();
      await page.getByLabel('The question').fill('How easy was it to reach your team?');
      await page.getByRole('button', { name: 'Add question' }).click();
      await expect(page.getByRole('status')).toContainText('Question added');
      await ready(page, javaScript);
      await page.getByRole('button', { name: 'Move up question 2' }).click();
      await expect(page.getByRole('status')).toContainText('Question moved up');
      await ready(page, javaScript);
      await expect(page.locator('ol li').first()).toContainText('How easy was it to reach your team?');
      await expectAccessible(page, javaScript);

      // Anyone answers at the public link, without signing in.
      const visitorContext = await browser.newContext({ javaScriptEnabled: javaScript });
      const visitor = await visitorContext.newPage();
      const visitorErrors = watchForErrors(visitor);
      await visitor.goto(`/c/home-visits-${mode}`);
      await ready(visitor, javaScript);
      await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(`Home visits ${mode}`);
      await expectAccessible(visitor, javaScript);
      await visitor.getByLabel('Good', { exact: true }).check();
      const words = `The visits were late (${mode}). Ring 07700 900456 before coming.`;
      await visitor.getByLabel('What would have made your experience better? (optional)').fill(words);
      await visitor.getByLabel(/may be published on/).check();
      await visitor.getByLabel('Which neighbourhood do you live in? (optional)').selectOption({
        label: 'Chorlton and Whalley Range',
      });
      await visitor.getByRole('button', { name: 'Send answers' }).click();
      await expect(visitor.getByRole('alert')).toContainText('Question 1: answer this question');
      await ready(visitor, javaScript);
      await expect(visitor.getByLabel('What would have made your experience better? (optional)')).toHaveValue(words);
      await expectAccessible(visitor, javaScript);
      await visitor.getByLabel('4', { exact: true }).check();
      await visitor.getByRole('button', { name: 'Send answers' }).click();
      await expect(visitor.getByRole('status')).toContainText('Thank you: your answers were sent');
      await ready(visitor, javaScript);
      await expect(visitor.getByRole('button', { name: 'Send answers' })).toHaveCount(0);
      await expectAccessible(visitor, javaScript);
      await visitorContext.close();

      // The officer redacts the number and publishes the story.
      await page.goto('/engagement/moderation');
      await ready(page, javaScript);
      const item = page.locator('section').filter({ hasText: `The visits were late (${mode})` });
      await expect(item.locator('mark')).toContainText('07700 900456');
      await item.getByRole('button', { name: 'Save the redaction' }).click();
      await expect(page.getByRole('status')).toContainText('Redacted');
      await ready(page, javaScript);
      await page
        .locator('section')
        .filter({ hasText: `The visits were late (${mode})` })
        .getByRole('button', { name: 'Publish' })
        .click();
      await expect(page.getByRole('status')).toContainText('Published');
      await ready(page, javaScript);
      await page.goto('/stories?neighbourhood=chorlton-whalley-range');
      await ready(page, javaScript);
      const story = page.locator('article').filter({ hasText: `The visits were late (${mode})` });
      await expect(story).toContainText('[phone number removed]');
      await expect(page.getByText('07700 900456')).toHaveCount(0);

      // The dashboard, for the demo campaign: counts where there are enough, suppressed where not.
      await page.goto('/engagement/dashboard');
      await ready(page, javaScript);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Feedback dashboard');
      await page.getByLabel('Campaign').selectOption({ label: 'How are we doing?' });
      await page.getByRole('button', { name: 'Show' }).click();
      await ready(page, javaScript);
      await expect(page).toHaveURL(/campaign=/);
      const byNeighbourhood = page.getByRole('table', { name: 'Friends and Family Test by neighbourhood' });
      await expect(byNeighbourhood.getByRole('row', { name: /Chorlton and Whalley Range/ })).toContainText('54');
      await expect(page.getByRole('table', { name: '% positive by neighbourhood and month' })).toContainText(
        'suppressed',
      );
      await expect(page.getByRole('heading', { name: 'How easy was it to contact your team?' })).toBeVisible();
      await expectAccessible(page, javaScript);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Download these figures (CSV)' }).click(),
      ]);
      const csv = fs.readFileSync(await download.path(), 'utf8');
      expect(csv).toContain('Friends and Family Test,Chorlton and Whalley Range,All months,,54,');
      expect(csv).toContain('suppressed');
      expect(errors).toEqual([]);
      expect(visitorErrors).toEqual([]);
    });
  });
}
