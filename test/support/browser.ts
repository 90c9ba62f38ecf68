import { mkdirSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Debian's Chromium, headless, with nothing that reaches out to the network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

interface AxeNode {
  target: string[];
  any: { id: string; data: { messageKey?: string; contrastRatio?: number } | null }[];
}
interface AxeResult {
  id: string;
  help: string;
  nodes: AxeNode[];
}

/**
 * axe-core on the page: no violation, and no colour-contrast check left unresolved ("incomplete" is a
 * failure, not a pass). The one exception axe cannot settle is text beside a pseudo-element (the
 * NHS.UK radios and checkboxes draw their circle and box with ::before): for those, the contrast is
 * computed here, from the text's colour and the first opaque background behind it, and must reach
 * 4.5:1 (3:1 for large text).
 */
export async function expectAccessible(
  page: Page,
  label: string,
  options: { javaScript?: boolean } = {},
): Promise<void> {
  if (options.javaScript === false) return expectAccessibleCopy(page, label);
  // Evaluated rather than added as a script tag: it runs under the portal's Content-Security-Policy
  // (no inline scripts) unchanged.
  if (!(await page.evaluate('typeof globalThis.axe === "object"'))) await page.evaluate(AXE);
  const { violations, incomplete } = await page.evaluate(async () => {
    const g = globalThis as unknown as {
      document: unknown;
      axe: { run: (c: unknown, o: object) => Promise<{ violations: AxeResult[]; incomplete: AxeResult[] }> };
    };
    const result = await g.axe.run(g.document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return { violations: result.violations, incomplete: result.incomplete };
  });
  const problems = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  for (const check of incomplete.filter((i) => i.id === 'color-contrast')) {
    for (const node of check.nodes) {
      const reason = node.any.find((a) => a.id === 'color-contrast')?.data?.messageKey ?? 'unknown';
      if (reason !== 'pseudoContent') {
        problems.push(`color-contrast incomplete (${reason}): ${node.target.join(' ')}`);
        continue;
      }
      const ratio = await page.evaluate(contrastOf, node.target[0]);
      if (ratio.text < ratio.needed)
        problems.push(
          `color-contrast ${ratio.text.toFixed(2)} < ${ratio.needed} (computed, text beside a pseudo-element): ${node.target.join(' ')}`,
        );
      if (ratio.drawn < 3)
        problems.push(
          `non-text contrast ${ratio.drawn.toFixed(2)} < 3 (computed, the pseudo-element's outline): ${node.target.join(' ')}`,
        );
    }
  }
  for (const other of incomplete.filter((i) => i.id !== 'color-contrast'))
    problems.push(`${other.id} incomplete: ${other.help} (${other.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  if (problems.length) throw new Error(`axe on ${label}:\n${problems.join('\n')}`);
}

/**
 * A page opened with JavaScript off cannot run axe (its timers never fire): the same HTML is served
 * again, at the same address, to a page with JavaScript on but the portal's own script blocked, so
 * axe checks exactly what the supplier without JavaScript sees.
 */
async function expectAccessibleCopy(page: Page, label: string): Promise<void> {
  const html = await page.content();
  const url = page.url();
  const context = await page
    .context()
    .browser()!
    .newContext({ javaScriptEnabled: true, viewport: page.viewportSize() });
  try {
    const copy = await context.newPage();
    await copy.route('**/portal/assets/portal.js', (route) =>
      route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }),
    );
    await copy.route(url, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    );
    await copy.goto(url);
    await expectAccessible(copy, `${label} (JavaScript off)`);
  } finally {
    await context.close();
  }
}

/**
 * Runs in the page: the contrast of an element's text against the first opaque background behind it,
 * and of the shape its pseudo-elements draw (the radio's circle, the checkbox's box: their border)
 * against that background. The pseudo-elements sit beside the text, not under it.
 */
function contrastOf(selector: string): { text: number; drawn: number; needed: number } {
  type Style = {
    color: string;
    backgroundColor: string;
    borderTopColor: string;
    borderTopWidth: string;
    content: string;
    fontSize: string;
    fontWeight: string;
  };
  const w = globalThis as unknown as {
    document: { querySelector: (s: string) => unknown };
    getComputedStyle: (e: unknown, pseudo?: string) => Style;
  };
  const element = w.document.querySelector(selector) as { parentElement: unknown } | null;
  if (!element) return { text: 0, drawn: 0, needed: 4.5 };
  const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
  const opaque = (c: number[]) => c.length === 3 || (c.length === 4 && c[3] === 1);
  const luminance = ([r, g, b]: number[]) => {
    const c = [r, g, b].map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const ratio = (a: number[], b: number[]) => {
    const [x, y] = [luminance(a), luminance(b)];
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  };
  const style = w.getComputedStyle(element);
  let background = [255, 255, 255];
  for (
    let node: { parentElement: unknown } | null = element;
    node;
    node = node.parentElement as { parentElement: unknown } | null
  ) {
    const fill = rgb(w.getComputedStyle(node).backgroundColor);
    if (fill.length >= 3 && opaque(fill)) {
      background = fill.slice(0, 3);
      break;
    }
  }
  const outlines = ['::before', '::after']
    .map((p) => w.getComputedStyle(element, p))
    .filter((p) => p.content !== 'none' && parseFloat(p.borderTopWidth) > 0 && opaque(rgb(p.borderTopColor)))
    .map((p) => ratio(rgb(p.borderTopColor).slice(0, 3), background));
  const size = parseFloat(style.fontSize);
  const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
  return {
    text: ratio(rgb(style.color).slice(0, 3), background),
    drawn: outlines.length ? Math.min(...outlines) : 21,
    needed: large ? 3 : 4.5,
  };
}

/**
 * With SCREENSHOTS=<dir>, saves the page at 1280 and 390 pixels wide (full page) for a person to look
 * at; the viewport is put back afterwards.
 */
export async function screenshots(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const before = page.viewportSize();
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(dir, `${name}-${width}.png`), fullPage: true });
    if (width === 390) {
      // The narrow page is long: also in parts a person can read at full size.
      const height = (await page.evaluate('document.documentElement.scrollHeight')) as number;
      for (let top = 0, part = 1; top < height && part <= 4; top += 1200, part++) {
        await page.screenshot({
          path: join(dir, `${name}-390-part${part}.png`),
          fullPage: true,
          clip: { x: 0, y: top, width: 390, height: Math.min(1200, height - top) },
        });
      }
    }
  }
  if (before) await page.setViewportSize(before);
}
