import { TemplateSet } from '@app/platform';

/** The supplier pages (`templates/portal/`): each page inside the layout. */
export class PortalPages {
  private readonly templates = new TemplateSet('portal');

  render(name: string, title: string, context: object, hasErrors: boolean): string {
    const body = this.templates.template(name)(context);
    return this.templates.template('layout')({ title, body, errorTitle: hasErrors });
  }
}
