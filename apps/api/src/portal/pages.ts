import { TemplateSet } from '@app/platform';
import type { Organisation } from './landing-page.js';

/** The supplier pages (`templates/portal/`): each page inside the layout, which names the asking organisation and a contact. */
export class PortalPages {
  private readonly templates = new TemplateSet('portal');

  constructor(private readonly org: Organisation) {}

  /** `contactInBody`: the page names the contact itself (landing, error), so the footer does not repeat it. */
  render(name: string, title: string, context: object, hasErrors: boolean, contactInBody = false): string {
    const body = this.templates.template(name)({ ...context, org: this.org });
    return this.templates.template('layout')({ title, body, errorTitle: hasErrors, org: this.org, contactInBody });
  }
}
