import { Init1764370000000 } from './1764370000000-init.js';

/** Every migration, oldest first. A new migration is added here as well as in its own file. */
export const MIGRATIONS = [Init1764370000000];
