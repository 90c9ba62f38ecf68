// The OpenAPI document's types, generated into client-schema.ts by `npm run openapi:client` (never edited by hand).
export type { components, operations, paths } from './client-schema.js';
