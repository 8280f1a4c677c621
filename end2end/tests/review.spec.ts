import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, ready, signInAs, watchForErrors } from './helpers';

// The whole staff review journey, with a resident nobody else's test uses in each run: they
// write their needs and share them (and their goals) with the Chorlton and Whalley Range team;
// Priya Shah finds them, reads their needs first, marks them read, responds and proposes a goal;
// they see who read it, reply and accept the goal; Sam Okafor (another team) is refused; and
// once they stop sharing, so is Priya.
const residents = { on: 'Olu Bello', off: 'Maggie Byrne' };

async function share(page: Page, javaScript: boolean, parts: string[]) {
  await page.goto('/my/sharing');
  await ready(page, javaScript);
  for (const label of ['Communication and information needs', 'Goals and progress notes']) {
    const box = page.getByLabel(label);
    if (parts.includes(label)) await box.check();
    else await box.uncheck();
  }
  await page.getByRole('button', { name: 'Save sharing' }).click();
  await expect(page.getByRole('status')).toContainText('Your sharing was changed');
  await ready(page, javaScript);
}

for (const javaScript of [true, false]) {
  test.describe(`JavaScript ${javaScript ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled: javaScript });

    test('a practitioner reads, acknowledges, responds and proposes; the resident replies and accepts', async ({
      page,
      browser,
    }) => {
      const name = javaScript ? residents.on : residents.off;
      const goal = `Walk round Chorlton Water Park (${javaScript ? 'on' : 'off'})`;
      const errors = watchForErrors(page);

      // The resident writes their needs and shares them, and their goals.
      await signInAs(page, name, javaScript);
      await page.goto('/my/needs');
      await ready(page, javaScript);
      await page.getByLabel('Large print').check();
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('status')).toContainText('Your communication needs were saved');
      await share(page, javaScript, ['Communication and information needs', 'Goals and progress notes']);

      // Priya finds them by name and opens their record: needs first.
      const staffContext = await browser.newContext({ javaScriptEnabled: javaScript });
      const priya = await staffContext.newPage();
      const priyaErrors = watchForErrors(priya, [404]);
      await signInAs(priya, 'Priya Shah', javaScript);
      await priya.goto('/team');
      await ready(priya, javaScript);
      await expect(priya.getByRole('heading', { name: "Your team's activity" })).toBeVisible();
      await priya.getByLabel('Search by name').fill(name.split(' ')[1].toLowerCase());
      await priya.getByRole('button', { name: 'Show' }).click();
      await ready(priya, javaScript);
      const queue = priya.getByRole('table', { name: /Residents who share their record/ });
      await expect(queue.getByRole('row')).toHaveCount(2);
      await expectAccessible(priya, javaScript);
      await queue.getByRole('link', { name }).click();
      await ready(priya, javaScript);
      await expect(priya.getByRole('heading', { level: 1 })).toHaveText(name);
      const first = await priya.locator('main h1 + *').getAttribute('aria-label');
      expect(first).toBe('Communication needs');
      await expect(priya.getByRole('region', { name: 'Communication needs' })).toContainText('Large print');
      const record = priya.url();

      await priya.getByRole('button', { name: 'I have read version 1' }).click();
      await expect(priya.getByRole('status')).toContainText('Marked as read');
      await ready(priya, javaScript);

      // An empty response is refused with a message; then a real one.
      await priya.locator('summary', { hasText: 'Respond about communication needs' }).click();
      await priya.getByRole('button', { name: 'Send response' }).click();
      await expect(priya.getByRole('alert')).toContainText('Write your message before sending it');
      await ready(priya, javaScript);
      await expectAccessible(priya, javaScript);
      await priya.getByLabel('Your response').fill('Thank you. We will send letters in large print.');
      await priya.getByRole('button', { name: 'Send response' }).click();
      await expect(priya.getByRole('status')).toContainText('Your response was sent');
      await ready(priya, javaScript);
      await expect(priya.getByText('Thank you. We will send letters in large print.')).toBeVisible();

      await priya.getByText('Propose a goal', { exact: true }).click();
      await priya.getByLabel('The goal, as they might say it').fill(goal);
      await priya.getByRole('button', { name: 'Propose this goal' }).click();
      await expect(priya.getByRole('status')).toContainText('The goal was proposed');
      await ready(priya, javaScript);
      await expect(priya.getByText('Waiting for an answer')).toBeVisible();
      await expectAccessible(priya, javaScript);

      // The resident: news on their home page, the proposal accepted as their own goal.
      await page.goto('/my');
      await ready(page, javaScript);
      await expect(page.locator('#team-news')).toContainText('1 new response');
      await expect(page.locator('#team-news')).toContainText('1 proposed goal waiting for an answer');
      await page.getByRole('link', { name: 'Read and answer' }).click();
      await ready(page, javaScript);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Responses from your team');
      await expectAccessible(page, javaScript);
      await page.getByRole('button', { name: 'Send your answer' }).click();
      await expect(page.getByRole('alert')).toContainText('Select whether you accept this goal or decline it');
      await ready(page, javaScript);
      await page.getByLabel('Yes, make it one of my goals (I can change its words)').check();
      await page.getByRole('button', { name: 'Send your answer' }).click();
      await expect(page.getByRole('status')).toContainText('You accepted the goal');
      await ready(page, javaScript);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(goal);
      await expect(page.getByRole('heading', { name: 'Change this goal' })).toBeVisible();
      await expectAccessible(page, javaScript);

      // Their needs: who read them, the response, and their reply.
      await page.goto('/my/needs');
      await ready(page, javaScript);
      await expect(page.getByText(/Read by Priya Shah, Team lead, Chorlton and Whalley Range/)).toBeVisible();
      const conversation = page.getByRole('region', { name: 'Your neighbourhood team' });
      await expect(conversation).toContainText('Thank you. We will send letters in large print.');
      await conversation.getByLabel('Write to your team').fill('Thank you, that helps a lot.');
      await conversation.getByRole('button', { name: 'Send' }).click();
      await expect(page.getByRole('status')).toContainText('Your message was sent to your neighbourhood team');
      await ready(page, javaScript);
      await expect(page.getByText('Thank you, that helps a lot.')).toBeVisible();
      await expectAccessible(page, javaScript);

      await priya.reload();
      await ready(priya, javaScript);
      await expect(priya.getByText('Thank you, that helps a lot.')).toBeVisible();
      await expect(priya.getByText(new RegExp(`Accepted by ${name}`))).toBeVisible();
      // Their message waits for the team, on the part and in the queue.
      await expect(priya.getByText('Message not answered')).toBeVisible();
      await priya.goto(`/team?name=${encodeURIComponent(name.split(' ')[1].toLowerCase())}`);
      await ready(priya, javaScript);
      await expect(queue.getByRole('row', { name: new RegExp(name) })).toContainText('Message not answered');
      await expectAccessible(priya, javaScript);
      await priya.goto(record);
      await ready(priya, javaScript);

      // Another team: not found.
      const otherContext = await browser.newContext({ javaScriptEnabled: javaScript });
      const sam = await otherContext.newPage();
      const samErrors = watchForErrors(sam, [404]);
      await signInAs(sam, 'Sam Okafor', javaScript);
      await sam.goto(record);
      await expect(sam.getByRole('heading', { level: 1 })).toHaveText('Page not found');
      await otherContext.close();

      // They stop sharing: Priya's next request is not found.
      await share(page, javaScript, []);
      await priya.goto(record);
      await expect(priya.getByRole('heading', { level: 1 })).toHaveText('Page not found');
      await staffContext.close();
      expect(errors).toEqual([]);
      expect(priyaErrors).toEqual([]);
      expect(samErrors).toEqual([]);
    });

    test('the team sees how true the person statements feel across the neighbourhood', async ({ page }) => {
      const errors = watchForErrors(page);
      await signInAs(page, 'Priya Shah', javaScript);
      await page.getByRole('link', { name: 'Person statements across the neighbourhood' }).click();
      await ready(page, javaScript);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Person statements across the neighbourhood');
      await expect(page.getByText('Fewer than 5').first()).toBeVisible();
      await expect(page.getByText('The nurses ask me what I want to work on now').first()).toBeVisible();
      await expectAccessible(page, javaScript);
      expect(errors).toEqual([]);
    });
  });
}
