import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { templatesDir } from '@app/platform';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/**
 * The emails of `templates/emails/`: for each, `<name>.subject.hbs`, `<name>.html.hbs` and
 * `<name>.text.hbs`, wrapped in `layout.html.hbs` / `layout.text.hbs`, with the partials of
 * `partials/`. Two isolated Handlebars instances in strict mode (a missing variable is an error, not
 * a blank): HTML escapes every value; plain text and subjects do not need to (they are not markup).
 */
export class EmailRenderer {
  private readonly html = Handlebars.create();
  private readonly text = Handlebars.create();
  private readonly cache = new Map<string, Handlebars.TemplateDelegate>();

  constructor(private readonly root = templatesDir('emails')) {
    for (const file of readdirSync(join(root, 'partials'))) {
      const match = /^(.+)\.(html|text)\.hbs$/.exec(file);
      if (!match) continue;
      const source = readFileSync(join(root, 'partials', file), 'utf8');
      (match[2] === 'html' ? this.html : this.text).registerPartial(match[1], source);
    }
  }

  render(name: string, context: object): RenderedEmail {
    const subject = this.template(name, 'subject')(context).replace(/\s+/g, ' ').trim();
    const html = this.template('layout', 'html')({ ...context, subject, body: this.template(name, 'html')(context) });
    const text = this.template('layout', 'text')({ ...context, subject, body: this.template(name, 'text')(context) });
    return { subject, html, text };
  }

  /** Every email template, so a test can render each one. */
  names(): string[] {
    return readdirSync(this.root)
      .filter((f) => f.endsWith('.subject.hbs'))
      .map((f) => f.replace('.subject.hbs', ''))
      .sort();
  }

  private template(name: string, part: 'subject' | 'html' | 'text'): Handlebars.TemplateDelegate {
    const key = `${name}.${part}`;
    let compiled = this.cache.get(key);
    if (!compiled) {
      const source = readFileSync(join(this.root, `${key}.hbs`), 'utf8');
      compiled = (part === 'html' ? this.html : this.text).compile(source, { strict: true, noEscape: part !== 'html' });
      this.cache.set(key, compiled);
    }
    return compiled;
  }
}
