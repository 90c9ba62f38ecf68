import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@app/identity';
import { SkipRateLimit, templatesDir } from '@app/platform';

const asset = (name: string) => readFileSync(join(templatesDir('portal'), 'assets', name), 'utf8');
// Without its @font-face rules: they name the NHS's font CDN, which the pages' CSP ('self') refuses anyway,
// so a supplier's browser never asks a third party for anything and falls back to Arial, as NHS.UK does.
const NHSUK_CSS = readFileSync(
  createRequire(import.meta.url).resolve('nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css'),
  'utf8',
).replace(/@font-face\{[^}]*\}/g, '');
const PORTAL_CSS = asset('portal.css');
const PORTAL_JS = asset('portal.js');

/** The supplier pages' styles and script, served by the app itself (no CDN, nothing from a third party). */
@ApiExcludeController()
@Controller('portal')
@Public()
export class PortalAssetsController {
  /** The NHS.UK frontend styles, served by the app itself (no CDN). */
  @Get('assets/nhsuk-frontend.min.css')
  @SkipRateLimit()
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('cache-control', 'public, max-age=86400')
  css() {
    return NHSUK_CSS;
  }

  /** The portal's own few styles: print, the evidence list, the saved notice. */
  @Get('assets/portal.css')
  @SkipRateLimit()
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('cache-control', 'public, max-age=3600')
  portalCss() {
    return PORTAL_CSS;
  }

  /** The page script (an enhancement only: every page works without it). */
  @Get('assets/portal.js')
  @SkipRateLimit()
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'public, max-age=3600')
  script() {
    return PORTAL_JS;
  }
}
