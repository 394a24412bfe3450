// The report page in headless Chromium (Debian's /usr/bin/chromium through playwright-core): it renders, has
// visible content, the timeline bars have width, and the console stays free of errors. Skipped, saying why, when
// Chromium is not installed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { reportExtras } from '../../reports/extras';
import { renderRunReportHtml } from '../../reports/render-html';
import { eventfulAudit, eventfulReport } from './report-fixture';

const CHROMIUM = '/usr/bin/chromium';
const available = fs.existsSync(CHROMIUM);
if (!available)
  console.warn(`report-chromium: skipped, ${CHROMIUM} is not installed (apt-get install chromium)`);
const maybe = available ? describe : describe.skip;

maybe('report page in headless Chromium', () => {
  let browser: BrowserContext | undefined;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haymaker-report-'));
    // A fresh profile per run: the persistent-context form is how playwright takes --user-data-dir.
    browser = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
      executablePath: CHROMIUM,
      viewport: { width: 1280, height: 900 },
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
      timeout: 30_000,
    });
  }, 40_000);

  afterAll(async () => {
    await browser?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('renders with visible content, sized timeline bars, no console errors and no network requests', async () => {
    const report = eventfulReport();
    const file = path.join(dir, 'report.html');
    fs.writeFileSync(file, renderRunReportHtml(report, reportExtras(eventfulAudit(report.runId))));
    const page = await browser!.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${file}`, { waitUntil: 'load', timeout: 15_000 });

    expect(await page.title()).toBe(`HayMaker run ${report.runId}`);
    const barWidths = await page.$$eval('.bar', (els) => els.map((e) => e.getBoundingClientRect().width));
    expect(barWidths.length).toBeGreaterThan(8);
    expect(Math.min(...barWidths)).toBeGreaterThan(0);
    const shot = await page.screenshot({ fullPage: true, type: 'png' });
    fs.writeFileSync(path.join(dir, 'report.png'), shot);
    // Decode the screenshot in the browser itself and count pixels that are not the page background.
    // Decode the screenshot in the browser itself and count pixels that are not the page background (a string, so
    // this Node-typed file needs no DOM types).
    const inked = (await page.evaluate(`(async () => {
      const img = new Image();
      img.src = 'data:image/png;base64,${shot.toString('base64')}';
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, img.width, img.height).data;
      let ink = 0;
      const colours = new Set();
      for (let i = 0; i < data.length; i += 16) {
        if (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240) ink += 1;
        colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      }
      return { fraction: ink / (data.length / 16), colours: colours.size, height: img.height };
    })()`)) as { fraction: number; colours: number; height: number };
    expect(inked.height).toBeGreaterThan(900);
    expect(inked.fraction).toBeGreaterThan(0.02);
    expect(inked.colours).toBeGreaterThan(8);
    expect(problems).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file://') && !u.startsWith('data:'))).toEqual([]);
    await page.close();
  }, 40_000);
});
