import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { templatesDir } from '@app/platform';

/**
 * The supplier pages: an isolated Handlebars instance in strict mode (a missing variable is an
 * error, not a blank), HTML-escaped by default; templates compiled once.
 */
export class PortalPages {
  private readonly handlebars = Handlebars.create();
  private readonly cache = new Map<string, Handlebars.TemplateDelegate>();
  private readonly root = templatesDir('portal');

  render(name: string, title: string, context: object, hasErrors: boolean): string {
    const body = this.template(name)(context);
    return this.template('layout')({ title, body, errorTitle: hasErrors });
  }

  private template(name: string): Handlebars.TemplateDelegate {
    let compiled = this.cache.get(name);
    if (!compiled) {
      compiled = this.handlebars.compile(readFileSync(join(this.root, `${name}.hbs`), 'utf8'), { strict: true });
      this.cache.set(name, compiled);
    }
    return compiled;
  }
}
