import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { templatesDir } from './templates.js';

/**
 * The pages of one `templates/` folder: an isolated Handlebars instance in strict mode (a missing
 * variable is an error, not a blank), HTML-escaped by default, each template compiled once.
 */
export class TemplateSet {
  private readonly handlebars = Handlebars.create();
  private readonly cache = new Map<string, Handlebars.TemplateDelegate>();
  private readonly root: string;

  constructor(folder: Parameters<typeof templatesDir>[0]) {
    this.root = templatesDir(folder);
    // `{{> name}}` for every `partials/name.hbs` of the folder.
    const partials = join(this.root, 'partials');
    if (existsSync(partials)) {
      for (const file of readdirSync(partials).filter((f) => f.endsWith('.hbs'))) {
        this.handlebars.registerPartial(file.slice(0, -4), readFileSync(join(partials, file), 'utf8'));
      }
    }
  }

  template(name: string): Handlebars.TemplateDelegate {
    let compiled = this.cache.get(name);
    if (!compiled) {
      compiled = this.handlebars.compile(readFileSync(join(this.root, `${name}.hbs`), 'utf8'), { strict: true });
      this.cache.set(name, compiled);
    }
    return compiled;
  }
}
