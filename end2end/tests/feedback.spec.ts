import { expect, test } from '@playwright/test';
import { expectAccessible, ready, signInAs, watchForErrors } from './helpers';

// A resident gives Friends and Family Test feedback with a phone number in it; the engagement
// officer redacts the number and publishes it; it appears on /stories without it, and the
// officer's response saying a change was made appears there too, for anyone. Each run's words
// are its own, so the two runs (and the demo's own stories) do not get in each other's way.
for (const javaScript of [true, false]) {
  test.describe(`JavaScript ${javaScript ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled: javaScript });

    test('feedback is given, redacted, published and answered', async ({ page, browser }) => {
      const mode = javaScript ? 'on' : 'off';
      const words = `The nurse came late (${mode}). Ring me on 0161 496 0000 next time.`;
      const errors = watchForErrors(page);
      await signInAs(page, javaScript ? 'Olu Bello' : 'Maggie Byrne', javaScript);
      await page.getByRole('link', { name: 'Give feedback' }).click();
      await ready(page, javaScript);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Give feedback');
      await expectAccessible(page, javaScript);
      await page.getByLabel('Who is your feedback about?').selectOption({ label: 'District nursing' });
      await page.getByLabel('What would have made your experience better?').fill(words);
      await page.getByRole('button', { name: 'Send feedback' }).click();
      await expect(page.getByRole('alert')).toContainText('Select how your experience was overall');
      await expect(page.getByLabel('What would have made your experience better?')).toHaveValue(words);
      await ready(page, javaScript);
      await expectAccessible(page, javaScript);
      await page.getByLabel('Poor', { exact: true }).check();
      await page.getByLabel(/^Yes: it may be published/).check();
      await page.getByRole('button', { name: 'Send feedback' }).click();
      await expect(page.getByRole('status')).toContainText('Thank you: your feedback was sent');
      await ready(page, javaScript);
      const given = page.locator('li').filter({ hasText: words });
      await expect(given).toContainText('Waiting for moderation');

      // The officer: the number is marked, the redaction suggested; redact, then publish.
      const officerContext = await browser.newContext({ javaScriptEnabled: javaScript });
      const joe = await officerContext.newPage();
      const joeErrors = watchForErrors(joe);
      await signInAs(joe, 'Joe Murphy', javaScript);
      await joe.getByRole('link', { name: 'Moderation' }).click();
      await ready(joe, javaScript);
      await expect(joe.getByRole('heading', { level: 1 })).toHaveText('Moderation');
      const item = joe.locator('section').filter({ hasText: `The nurse came late (${mode})` });
      await expect(item.locator('mark')).toContainText('0161 496 0000');
      await expectAccessible(joe, javaScript);
      const redacted = item.getByLabel('What would have made your experience better? (as it will be shown)');
      await expect(redacted).toHaveValue(`The nurse came late (${mode}). Ring me on [phone number removed] next time.`);
      await item.getByRole('button', { name: 'Save the redaction' }).click();
      await expect(joe.getByRole('status')).toContainText('Redacted');
      await ready(joe, javaScript);
      const again = joe.locator('section').filter({ hasText: `The nurse came late (${mode})` });
      // Only inside the folded "words as written", for moderators.
      await expect(again.getByText('0161 496 0000')).toBeHidden();
      await expect(again.getByText('The words as written (moderators only)')).toBeVisible();
      await again.getByRole('button', { name: 'Publish' }).click();
      await expect(joe.getByRole('status')).toContainText('Published');
      await ready(joe, javaScript);

      // On /stories: without the number; the officer responds that a change was made.
      await joe.goto('/stories?service=district-nursing');
      await ready(joe, javaScript);
      const story = joe.locator('article').filter({ hasText: `The nurse came late (${mode})` });
      await expect(story).toContainText('[phone number removed]');
      await expectAccessible(joe, javaScript);
      await story.getByText('Respond publicly').click();
      await story.getByLabel('Your response').fill(`We now agree a visit time with you (${mode}).`);
      await story.getByLabel('Will anything change?').selectOption({ label: 'Change made' });
      await story.getByLabel('What changes, and when (with a change)').fill('Visit times agreed by phone since December 2026');
      await story.getByRole('button', { name: 'Publish response' }).click();
      await expect(joe.getByRole('status')).toContainText('Your response was published');
      // Back on the list as it was filtered (at the story without JavaScript: the client-side
      // router does not keep a redirect's fragment).
      await expect(joe).toHaveURL(javaScript ? /\/stories\?service=district-nursing$/ : /\/stories\?service=district-nursing#story-\d+$/);
      await ready(joe, javaScript);
      await officerContext.close();

      // Anyone, without signing in.
      const publicContext = await browser.newContext({ javaScriptEnabled: javaScript });
      const visitor = await publicContext.newPage();
      const visitorErrors = watchForErrors(visitor);
      await visitor.goto('/stories');
      await ready(visitor, javaScript);
      await expect(visitor.getByRole('heading', { level: 1 })).toHaveText('You said, we did');
      const published = visitor.locator('article').filter({ hasText: `The nurse came late (${mode})` });
      await expect(published).toContainText('Change made');
      await expect(published).toContainText('Visit times agreed by phone since December 2026');
      await expect(visitor.getByText('0161 496 0000')).toHaveCount(0);
      await expectAccessible(visitor, javaScript);
      await publicContext.close();

      // The resident sees the response under what they gave.
      await page.reload();
      await ready(page, javaScript);
      await expect(page.locator('li').filter({ hasText: `The nurse came late (${mode})` })).toContainText(
        `We now agree a visit time with you (${mode}).`,
      );

      // Later the officer takes it down from /stories, saying why; its writer sees it is not
      // published.
      const laterContext = await browser.newContext({ javaScriptEnabled: javaScript });
      const later = await laterContext.newPage();
      const laterErrors = watchForErrors(later);
      await signInAs(later, 'Joe Murphy', javaScript);
      await later.goto('/stories?service=district-nursing');
      await ready(later, javaScript);
      const shown = later.locator('article').filter({ hasText: `The nurse came late (${mode})` });
      await expect(shown.getByText('Report this story')).toHaveCount(0);
      await shown.getByText('Take this story down').click();
      await shown.getByRole('button', { name: /^Take down/ }).click();
      await expect(later.getByRole('alert')).toContainText('Select why it is taken down');
      await ready(later, javaScript);
      await expectAccessible(later, javaScript);
      const refused = later.locator('article').filter({ hasText: `The nurse came late (${mode})` });
      await refused.getByLabel('Why is it taken down?').selectOption({ label: 'Identifies someone' });
      await refused.getByRole('button', { name: /^Take down/ }).click();
      await expect(later.getByRole('status')).toContainText('The story was taken down');
      await expect(later).toHaveURL(/\/stories\?service=district-nursing$/);
      await ready(later, javaScript);
      await expect(later.locator('article').filter({ hasText: `The nurse came late (${mode})` })).toHaveCount(0);
      await laterContext.close();
      await page.reload();
      await ready(page, javaScript);
      await expect(page.locator('li').filter({ hasText: `The nurse came late (${mode})` })).toContainText('Not published');
      expect(errors).toEqual([]);
      expect(joeErrors).toEqual([]);
      expect(visitorErrors).toEqual([]);
      expect(laterErrors).toEqual([]);
    });

    // Feedback "only for the service": the officer reads it (no name) on "Private feedback" and
    // replies; only the resident reads the reply. Feedback sent for publication can be kept for
    // the service instead, before or after it is published.
    test('feedback kept for the service is answered privately, and a story is taken back', async ({ page, browser }) => {
      const mode = javaScript ? 'on' : 'off';
      const privately = `The therapist was rushed and I felt silly asking (${mode}).`;
      const publicly = `Please say who is coming before the visit (${mode}).`;
      const errors = watchForErrors(page);
      const resident = javaScript ? 'Olu Bello' : 'Maggie Byrne';
      await signInAs(page, resident, javaScript);
      for (const [words, publish] of [[privately, /^No: only for the service/], [publicly, /^Yes: it may be published/]] as const) {
        await page.goto('/my/feedback');
        await ready(page, javaScript);
        await page.getByLabel('Who is your feedback about?').selectOption({ label: 'Community therapy (physiotherapy and occupational therapy)' });
        await page.getByLabel('Neither good nor poor', { exact: true }).check();
        await page.getByLabel('What would have made your experience better?').fill(words);
        await page.getByLabel(publish).check();
        await page.getByRole('button', { name: 'Send feedback' }).click();
        await expect(page.getByRole('status')).toContainText('Thank you: your feedback was sent');
        await ready(page, javaScript);
      }

      const officerContext = await browser.newContext({ javaScriptEnabled: javaScript });
      const joe = await officerContext.newPage();
      const joeErrors = watchForErrors(joe);
      await signInAs(joe, 'Joe Murphy', javaScript);
      await joe.getByRole('link', { name: 'Private feedback' }).click();
      await ready(joe, javaScript);
      await expect(joe.getByRole('heading', { level: 1 })).toHaveText('Private feedback');
      await joe.getByLabel('Service').selectOption({ label: 'Community therapy (physiotherapy and occupational therapy)' });
      await joe.getByRole('button', { name: 'Show' }).click();
      await ready(joe, javaScript);
      const item = joe.locator('article').filter({ hasText: privately });
      await expect(item).toBeVisible();
      await expect(joe.getByText(resident)).toHaveCount(0);
      await expect(joe.getByText(publicly)).toHaveCount(0);
      await expectAccessible(joe, javaScript);
      await item.getByText('Reply to the person who gave it').click();
      await item.getByLabel('Your reply').fill(`Thank you for telling us; we have spoken to the team (${mode}).`);
      await item.getByLabel('Will anything change?').selectOption('none');
      await item.getByRole('button', { name: 'Send reply' }).click();
      await expect(joe.getByRole('status')).toContainText('Your reply was sent');
      await ready(joe, javaScript);
      await expect(joe.locator('article').filter({ hasText: privately })).toContainText('we have spoken to the team');
      await officerContext.close();

      // The resident reads the reply; the other one they keep for the service after all.
      await page.goto('/my/feedback');
      await ready(page, javaScript);
      await expect(page.locator('li').filter({ hasText: privately })).toContainText(
        `we have spoken to the team (${mode})`,
      );
      const waiting = page.locator('li').filter({ hasText: publicly });
      await expect(waiting).toContainText('Waiting for moderation');
      await waiting.getByRole('button', { name: /^Do not publish it: keep it for the service only/ }).click();
      await expect(page.getByRole('status')).toContainText('will not be published');
      await ready(page, javaScript);
      await expect(page.locator('li').filter({ hasText: publicly })).toContainText('Private to the service');
      await expectAccessible(page, javaScript);
      expect(errors).toEqual([]);
      expect(joeErrors).toEqual([]);
    });
  });
}
