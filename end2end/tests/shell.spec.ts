import { expect, test } from '@playwright/test';
import { expectAccessible, ready, signInAs, watchForErrors } from './helpers';

for (const javaScript of [true, false]) {
  test.describe(`JavaScript ${javaScript ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled: javaScript });

    test('public pages render, are accessible, and have no script errors', async ({ page }) => {
      const errors = watchForErrors(page);
      for (const path of [
        '/',
        '/auth/login',
        '/auth/demo',
        '/about/accessibility',
        '/about/privacy',
        '/about/neighbourhoods',
      ]) {
        await page.goto(path);
        await ready(page, javaScript);
        await expect(page.locator('h1')).toHaveCount(1);
        await expectAccessible(page, javaScript);
      }
      expect(errors).toEqual([]);
    });

    test('an unknown address shows the not-found page', async ({ page }) => {
      const errors = watchForErrors(page, [404]);
      const response = await page.goto('/no/such/page');
      expect(response?.status()).toBe(404);
      await ready(page, javaScript);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
      await expectAccessible(page, javaScript);
      expect(errors).toEqual([]);
    });

    test('a demo resident signs in, sees their home page, and signs out', async ({ page }) => {
      const errors = watchForErrors(page);
      await signInAs(page, 'Amira Khan', javaScript);
      await ready(page, javaScript);
      await expect(page).toHaveURL(/\/$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello, Amira Khan');
      await expect(page.getByText('Cheetham and Crumpsall')).toBeVisible();
      await expectAccessible(page, javaScript);

      // Every page shows who is signed in, in the HTML itself (no script needed).
      await page.goto('/about/privacy');
      await ready(page, javaScript);
      await expect(page.getByRole('banner').getByText('Amira Khan', { exact: true })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
      await expectAccessible(page, javaScript);

      await page.getByRole('link', { name: 'My record' }).click();
      await expect(page).toHaveURL(/\/my$/);
      await ready(page, javaScript);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello, Amira Khan');
      await expectAccessible(page, javaScript);

      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(
        'Your care, in your own words',
      );
      await page.goto('/my');
      await expect(page).toHaveURL(/\/auth\/login\?next=%2Fmy$/);
      expect(errors).toEqual([]);
    });

    test('a demo staff member signs in and sees their team', async ({ page }) => {
      const errors = watchForErrors(page, [403]);
      await signInAs(page, 'Sam Okafor', javaScript);
      await ready(page, javaScript);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(
        'Cheetham and Crumpsall Integrated Neighbourhood Team',
      );
      await expectAccessible(page, javaScript);
      await page.goto('/my');
      await ready(page, javaScript);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(
        'You cannot see this page',
      );
      await expectAccessible(page, javaScript);
      expect(errors).toEqual([]);
    });

    test('every other role reaches an accessible home page', async ({ page }) => {
      for (const [name, heading] of [
        ['Lin Walsh', 'Hello, Lin Walsh'],
        ['Priya Shah', 'Chorlton and Whalley Range Integrated Neighbourhood Team'],
        ['Joe Murphy', 'Engagement'],
        ['Ruth Adeyemi', 'Administration'],
      ]) {
        await signInAs(page, name, javaScript);
        await ready(page, javaScript);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
        await expectAccessible(page, javaScript);
        await page.getByRole('button', { name: 'Sign out' }).click();
        await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
      }
    });
  });
}

test('the skip link is the first thing the keyboard reaches and moves focus to the content', async ({
  page,
}) => {
  await page.goto('/about/privacy');
  await ready(page, true);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main-content')).toBeFocused();
});

test('with JavaScript, a link is an ordinary page load: focus starts again at the top', async ({ page }) => {
  // Pages are rendered on the server and only islands run in the browser (no client-side
  // router), so after following a link the keyboard starts from the skip link, as on any site.
  const errors = watchForErrors(page);
  await page.goto('/about/privacy');
  await ready(page, true);
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
  await page
    .getByRole('navigation', { name: 'Menu' })
    .getByRole('link', { name: 'Neighbourhoods' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Neighbourhoods and teams');
  await expect(page.getByText('Woodhouse Park')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBeUndefined();
  await ready(page, true);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  expect(errors).toEqual([]);
});

test('with JavaScript, opening the resident home from a link asks the server for the page alone', async ({
  page,
}) => {
  // Every page is rendered on the server with its data, from one view-model call made there:
  // the browser makes no /api/ request to show it, however it was reached.
  await signInAs(page, 'Amira Khan', true);
  await page.goto('/my/goals');
  await ready(page, true);
  const calls: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/api/')) calls.push(path);
  });
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'My record' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello, Amira Khan');
  await ready(page, true);
  await expect(page.getByRole('region', { name: 'Communication needs' })).toBeVisible();
  expect(calls).toEqual([]);
});

test('with JavaScript, a signed-in person is warned before the session times out and can stay signed in', async ({
  page,
}) => {
  // The browser's clock is the test's: 25 minutes pass in a moment (the server's do not, so
  // the session is still there when they choose to stay).
  await page.clock.install();
  const errors = watchForErrors(page);
  await signInAs(page, 'Amira Khan', true);
  await page.goto('/my/about-me');
  await ready(page, true);
  const warning = page.getByRole('dialog', { name: 'You will be signed out soon' });
  await expect(warning).toBeHidden();
  await page.clock.fastForward('24:00');
  await expect(warning).toBeHidden();
  await page.clock.fastForward('01:01');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('anything you have typed but not saved will be lost');
  // A modal dialog: focus is inside it, on its first button.
  await expect(warning.getByRole('button', { name: 'Stay signed in' })).toBeFocused();
  await expectAccessible(page, true);
  const stayed = page.waitForResponse((r) => r.url().endsWith('/auth/still-here'));
  await page.keyboard.press('Enter');
  expect((await stayed).status()).toBe(204);
  await expect(warning).toBeHidden();
  // Counted again from the choice.
  await page.clock.fastForward('24:00');
  await expect(warning).toBeHidden();
  await page.clock.fastForward('01:01');
  await expect(warning).toBeVisible();
  await warning.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your care, in your own words');
  expect(errors).toEqual([]);
});
