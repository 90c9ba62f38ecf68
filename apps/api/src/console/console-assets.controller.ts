import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Header, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@app/identity';
import { SkipRateLimit, templatesDir } from '@app/platform';
import { ConsoleErrors } from './pages.js';

const CONSOLE_JS = readFileSync(join(templatesDir('console'), 'assets', 'console.js'), 'utf8');
const CONSOLE_CSS = readFileSync(join(templatesDir('console'), 'assets', 'console.css'), 'utf8');

/** The console's own script and stylesheet, served to anyone (the sign-in page uses them too). */
@ApiExcludeController()
@UseFilters(ConsoleErrors)
@Controller('console')
export class ConsoleAssetsController {
  /** The console's script: live filters and upload progress, enhancements only. */
  @Get('assets/console.js')
  @Public()
  @SkipRateLimit()
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'public, max-age=3600')
  script() {
    return CONSOLE_JS;
  }

  /** The console's own styles beside the NHS.UK frontend (navigation, wrapping, scrolling tables). */
  @Get('assets/console.css')
  @Public()
  @SkipRateLimit()
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('cache-control', 'public, max-age=3600')
  styles() {
    return CONSOLE_CSS;
  }
}
