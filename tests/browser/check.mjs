// Opens every page of a generated site in headless Chromium and checks it as its readers
// would meet it: axe-core at WCAG 2.1 A and AA with no violations, no horizontal scrolling
// at 320 CSS px (reflow, 1.4.10), no request outside the folder, and every SVG chart with a
// title and a description. Usage: node check.mjs SITE_DIR
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const site = resolve(process.argv[2] || '../../output');
const pages = [];
(function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.html')) pages.push(p);
  }
})(site);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let passed = 0, failed = 0;
const fail = (page, msg) => { failed++; console.log(`FAIL ${relative(site, page)}: ${msg}`); };

for (const file of pages) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: true });
  const page = await ctx.newPage();
  const outside = [];
  page.on('request', (r) => { if (!r.url().startsWith('file://')) outside.push(r.url()); });
  await page.goto('file://' + file);
  await page.addScriptTag({ path: axePath });
  const res = await page.evaluate(async () => await window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  let ok = true;
  for (const v of res.violations) {
    ok = false;
    fail(file, `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  }
  const charts = await page.evaluate(() => [...document.querySelectorAll('svg')].map((s) => ({
    role: s.getAttribute('role'), title: !!s.querySelector('title')?.textContent.trim(),
    desc: !!s.querySelector('desc')?.textContent.trim(),
  })));
  for (const c of charts) {
    if (c.role !== 'img' || !c.title || !c.desc) { ok = false; fail(file, 'chart without role=img, title or description'); }
  }
  await page.setViewportSize({ width: 320, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (overflow > 1) { ok = false; fail(file, `scrolls sideways by ${overflow}px at 320px width`); }
  if (outside.length) { ok = false; fail(file, `requests outside the folder: ${outside.join(', ')}`); }
  if (ok) passed++;
  await ctx.close();
}
await browser.close();
console.log(`browser: ${passed} passed, ${failed} failed (${pages.length} pages)`);
process.exit(failed ? 1 : 0);
