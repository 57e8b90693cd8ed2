import type { Page } from '@playwright/test';

export const step = async (page: Page) => Number((await page.getByTestId('step').textContent())!.replace(/,/g, ''));
export const loss = async (page: Page) => Number((await page.getByTestId('loss').textContent())!.replace('−', '-'));
