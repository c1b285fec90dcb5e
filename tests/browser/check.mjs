// Opens every page of a generated site in headless Chromium and checks it as its readers
// would meet it: axe-core at WCAG 2.1 A and AA with no violations at 1280 and at 375 CSS px
// (a phone), no horizontal scrolling at 320 px (reflow, 1.4.10; a table scrolls inside its own
// region), no request outside the folder, every SVG chart with a title and a description and
// a data table (data-tabel), every chart inside a 375 px screen, and the action pages printed
// on A4 with no chart or table split, and at 1280 and 375 px no chart label cut by its chart's
// edge or overlapping another label (bounding boxes of the rendered text). Usage: node check.mjs
// SITE_DIR
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
const printed = [];
const fail = (page, msg) => { failed++; console.log(`FAIL ${relative(site, page)}: ${msg}`); };

for (const file of pages) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: true });
  const page = await ctx.newPage();
  const outside = [];
  page.on('request', (r) => { if (!r.url().startsWith('file://')) outside.push(r.url()); });
  await page.goto('file://' + file);
  await page.addScriptTag({ path: axePath });
  let ok = true;
  const axe = async (width) => {
    await page.setViewportSize({ width, height: 900 });
    const res = await page.evaluate(async () => await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }));
    for (const v of res.violations) {
      ok = false;
      fail(file, `at ${width}px: ${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    }
  };
  // chart labels as drawn: inside their drawing and clear of each other
  const labels = async (width) => {
    await page.setViewportSize({ width, height: 900 });
    const bad = await page.evaluate(() => {
      const out = [];
      for (const svg of document.querySelectorAll('figure.grafiek svg')) {
        if (getComputedStyle(svg).display === 'none') continue;
        const box = svg.getBoundingClientRect();
        // a label with a halo (a white edge drawn under it) may lie over a line: the line stops
        // short of its letters
        const texts = [...svg.querySelectorAll('text')].map((t) => ({ s: t.textContent, r: t.getBoundingClientRect(),
          halo: t.classList.contains('halo') && getComputedStyle(t).paintOrder.startsWith('stroke') && t.getAttribute('stroke') === '#fff' }));
        const id = svg.closest('figure').getAttribute('aria-labelledby');
        for (const t of texts) {
          if (t.r.left < box.left - 0.5 || t.r.right > box.right + 0.5 || t.r.top < box.top - 0.5 || t.r.bottom > box.bottom + 0.5)
            out.push(`${id}: "${t.s}" is cut by the chart's edge`);
        }
        // reference and event lines (dashed) never run through a label
        for (const l of svg.querySelectorAll('line[stroke-dasharray]')) {
          const g = l.getBoundingClientRect(); // the geometry: a vertical line has no width
          const a = { left: g.left - 1, right: g.right + 1, top: g.top - 1, bottom: g.bottom + 1 };
          for (const t of texts) {
            if (t.halo) continue;
            const b = t.r;
            if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
                Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > b.height * 0.3)
              out.push(`${id}: a reference line runs through "${t.s}"`);
          }
        }
        for (let i = 0; i < texts.length; i++)
          for (let j = i + 1; j < texts.length; j++) {
            const a = texts[i].r, b = texts[j].r;
            const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            // glyph boxes include line spacing: touching lines overlap by a pixel or two
            if (w > 1 && h > Math.min(a.height, b.height) * 0.3)
              out.push(`${id}: "${texts[i].s}" overlaps "${texts[j].s}"`);
          }
      }
      return out;
    });
    for (const m of bad) { ok = false; fail(file, `at ${width}px: ${m}`); }
  };
  await axe(1280);
  await axe(375);
  // a theme page shows its groups as small multiples and folds its long tables
  if (/themas\/[^/]+\.html$/.test(file) && !file.endsWith('index.html')) {
    await page.setViewportSize({ width: 1280, height: 900 });
    const tall = await page.evaluate(() => document.documentElement.scrollHeight);
    if (tall > 9000) { ok = false; fail(file, `${tall}px tall at 1280px (at most 9000)`); }
  }
  // the overview answers "how are we doing" in its first screen: the count of every status
  if (relative(site, file) === 'index.html') {
    for (const [w, h] of [[1280, 900], [375, 812]]) {
      await page.setViewportSize({ width: w, height: h });
      const n = await page.evaluate(() => document.querySelectorAll('.tellingen')[0]?.children.length || 0);
      if (!n) { ok = false; fail(file, 'the overview has no count per status'); }
      const first = await page.evaluate((h) => [...(document.querySelectorAll('.tellingen')[0]?.children || [])]
        .filter((li) => li.getBoundingClientRect().bottom > h).length, h);
      if (first) { ok = false; fail(file, `at ${w}x${h}: ${first} KPI status counts below the first screen`); }
    }
  }
  // at 1280: no open table hides columns off its region; small multiples line up in each row;
  // no two lines of one legend look alike
  {
    await page.setViewportSize({ width: 1280, height: 900 });
    const r = await page.evaluate(() => {
      const out = [];
      for (const d of document.querySelectorAll('.tabel')) {
        if (!d.offsetParent) continue; // folded away
        if (d.scrollWidth > d.clientWidth + 1) out.push(`table "${d.querySelector('caption')?.textContent}" is ${d.scrollWidth - d.clientWidth}px wider than its place`);
      }
      for (const g of document.querySelectorAll('.veelvoud')) {
        const rows = new Map();
        for (const f of g.children) {
          const top = Math.round(f.getBoundingClientRect().top), svg = f.querySelector('svg');
          if (!svg) continue;
          const at = svg.getBoundingClientRect().top - f.getBoundingClientRect().top;
          if (!rows.has(top)) rows.set(top, []);
          rows.get(top).push(at);
        }
        for (const [, ats] of rows)
          if (Math.max(...ats) - Math.min(...ats) > 1) out.push(`small multiples out of line by ${Math.round(Math.max(...ats) - Math.min(...ats))}px`);
      }
      for (const l of document.querySelectorAll('.legenda, figure.grafiek svg')) {
        const seen = new Set();
        const lines = l.matches('svg') ? [...l.querySelectorAll('line[stroke-dasharray]')].filter((x) => +x.getAttribute('x2') - +x.getAttribute('x1') === 22)
          : [...l.querySelectorAll('line')];
        for (const x of lines) {
          const k = `${x.getAttribute('stroke')} ${x.getAttribute('stroke-dasharray')}`;
          if (seen.has(k)) out.push(`two lines in one legend look alike (${k})`);
          seen.add(k);
        }
      }
      return out;
    });
    for (const m of r) { ok = false; fail(file, `at 1280px: ${m}`); }
  }
  await labels(1280);
  await labels(375);
  // on a phone: the narrow drawing of every chart, inside the screen
  const phone = await page.evaluate(() => [...document.querySelectorAll('figure.grafiek')].map((f) => {
    const shown = [...f.querySelectorAll('svg')].filter((s) => getComputedStyle(s).display !== 'none');
    const r = shown[0]?.getBoundingClientRect();
    // a chart has a wide and a narrow drawing; a small multiple one drawing for every width
    return { id: f.getAttribute('aria-labelledby'), shown: shown.length,
      narrow: shown[0]?.classList.contains('smal') || shown[0]?.classList.contains('klein'),
      right: r ? r.right : 0, width: document.documentElement.clientWidth,
      table: f.dataset.tabel, hasTable: !!(f.dataset.tabel && document.getElementById(f.dataset.tabel)?.closest('table')) };
  }));
  for (const c of phone) {
    if (c.shown !== 1 || !c.narrow) { ok = false; fail(file, `chart ${c.id}: not its one narrow drawing at 375px`); }
    if (c.right > c.width + 1) { ok = false; fail(file, `chart ${c.id} runs off a 375px screen (${c.right} > ${c.width})`); }
    if (!c.hasTable) { ok = false; fail(file, `chart ${c.id} has no data table (data-tabel=${c.table})`); }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  // every drawing that is not decoration (a legend's swatch is aria-hidden)
  const charts = await page.evaluate(() => [...document.querySelectorAll('svg:not([aria-hidden="true"])')].map((s) => ({
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
  // printing: A4, no chart or table split across pages (the stylesheet keeps them whole)
  if (/acties\/[^/]+\.html$/.test(file) && !file.endsWith('index.html')) {
    await page.emulateMedia({ media: 'print' });
    const split = await page.evaluate(() => [...document.querySelectorAll('figure.grafiek, .tabel table')]
      .filter((e) => getComputedStyle(e).breakInside !== 'avoid').length);
    if (split) { ok = false; fail(file, `${split} charts or tables may split across printed pages`); }
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    if (pages < 1 || pages > 40) { ok = false; fail(file, `prints on ${pages} A4 pages`); }
    printed.push(`${relative(site, file)}: ${pages}`);
    await page.emulateMedia({ media: 'screen' });
  }
  if (ok) passed++;
  await ctx.close();
}
await browser.close();
console.log(`browser: ${passed} passed, ${failed} failed (${pages.length} pages; printed on A4: ${printed.join(', ')})`);
process.exit(failed ? 1 : 0);
