export * from './contexts.js';
export * from './assurance-contexts.js';
export { emailSamples, type EmailSample } from './samples.js';
export { plural, inDays, daysAgo, londonDateTime, label, listText } from './wording.js';
