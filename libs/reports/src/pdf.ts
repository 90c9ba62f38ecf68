import { existsSync } from 'node:fs';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Browser } from 'playwright-core';
import { DomainError, ReportsConfig } from '@app/platform';

const FOOTER =
  '<div style="font-family:Arial,sans-serif;font-size:9px;width:100%;text-align:center;color:#212b32">OFFICIAL-SENSITIVE · Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>';

/**
 * HTML to PDF with the system's Chromium (Debian package `chromium`) driven by playwright-core: the
 * same page the committee sees in the browser, A4, with page numbers, tagged for assistive
 * technology and with a document outline. One browser per process,
 * started on first use; JavaScript off and every network request refused while rendering.
 * playwright-core itself is loaded on first use too: loaded at boot it costs every API process
 * its heap and resident memory (most never render a PDF).
 */
@Injectable()
export class PdfRenderer implements OnApplicationShutdown {
  private readonly logger = new Logger('PdfRenderer');
  private browser?: Promise<Browser>;

  constructor(private readonly config: ReportsConfig) {}

  async render(html: string): Promise<Buffer> {
    const browser = await this.launch();
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      await context.route('**/*', (route) => route.abort());
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      // Tagged (a structure tree screen readers follow) with an outline from the headings.
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        tagged: true,
        outline: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: FOOTER,
        margin: { top: '14mm', bottom: '16mm', left: '10mm', right: '10mm' },
      });
    } finally {
      await context.close();
    }
  }

  private launch(): Promise<Browser> {
    if (!existsSync(this.config.chromiumPath)) {
      throw new DomainError(
        'REPORT.PDF_UNAVAILABLE',
        `PDF rendering needs Chromium at ${this.config.chromiumPath} (Debian: apt-get install chromium; or set CHROMIUM_PATH).`,
        503,
      );
    }
    this.browser ??= import('playwright-core')
      .then(({ chromium }) =>
        chromium.launch({
          executablePath: this.config.chromiumPath,
          args: ['--no-sandbox', '--headless', '--disable-gpu'],
        }),
      )
      .catch((error: unknown) => {
        this.browser = undefined;
        this.logger.error({ msg: 'Chromium did not start', error: String(error) });
        throw new DomainError('REPORT.PDF_UNAVAILABLE', 'PDF rendering is unavailable: Chromium did not start.', 503);
      });
    return this.browser;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.browser) await (await this.browser.catch(() => null))?.close();
  }
}
