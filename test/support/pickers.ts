import type { Page } from 'playwright-core';

/**
 * Chooses in one of the web app's search-as-you-type pickers (an ARIA combobox): types `typed` into
 * the input with id `id` and clicks the first option of its listbox whose name matches `option`.
 */
export async function pick(page: Page, id: string, typed: string, option: string | RegExp): Promise<void> {
  const input = page.locator(`#${id}`);
  await input.fill(typed);
  await page.locator(`#${id}-listbox`).getByRole('option', { name: option }).first().click();
}
