export { IncidentsModule } from './incidents.module.js';
export { IncidentsService } from './incidents.service.js';
export { INCIDENT_SOURCES, INCIDENT_SEVERITIES, FOLLOW_UP_HOURS, FIRST_REPORT_HOURS, FOLLOW_UP_KEY, toIncidentView, type OpenIncident } from './incident.js';
export { IncidentView, IncidentDetailView, SuspendedLinksView } from './incident.view.js';
export { exposureOf, type Exposure, type ExposedLink } from './exposure.js';
export { firstReportRemindersOwed, firstReportIn, FIRST_REPORT_CODES, FIRST_REPORT_REMINDER_HOURS, FIRST_REPORT_REMINDER_STEP, FIRST_REPORT_REMINDER_TEMPLATE } from './first-report-reminder.query.js';
