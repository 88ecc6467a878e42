import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
const ctx = await chromium.launchPersistentContext(mkdtempSync('/tmp/pw-'), { executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
const page = await ctx.newPage();
page.on('console', (m) => console.log('console', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror', e.stack));
for (const w of [1280, 390]) {
  await page.setViewportSize({ width: w, height: 900 });
  await page.goto('http://127.0.0.1:4391/learn/beyond-github/', { waitUntil: 'load' });
  await page.locator('#exercise').scrollIntoViewIfNeeded();
  await page.getByTestId('exercise-add-an-environment').scrollIntoViewIfNeeded();
  await page.waitForTimeout(4000);
  console.log(await page.getByTestId('token-facts').innerText());
  await page.getByTestId('exercise-add-an-environment').screenshot({ path: `tmp/gh-${w}.png` });
}
await ctx.close();
