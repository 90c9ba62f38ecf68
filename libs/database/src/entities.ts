/**
 * Every entity of every domain lib, in one list for the one data source. A domain lib adds its
 * entities here when it comes; nothing else needs to know them all.
 */
export const ENTITIES: Function[] = [];
