import { londonTime, type EmailSettings } from '@app/notifications';
import type { Clock, HttpConfig, OrganisationConfig } from '@app/platform';

/** The organisation's name, contact and base URL every email context is built with. */
export const emailSettings = (http: HttpConfig, organisation: OrganisationConfig): EmailSettings => ({
  org: organisation.name,
  contactEmail: organisation.contactEmail,
  baseUrl: http.baseUrl,
});

/** Today in London, as YYYY-MM-DD. */
export const londonToday = (clock: Clock): string => londonTime(clock.now()).date;
