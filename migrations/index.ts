import { CreateApplicationRole1763900000000 } from './1763900000000-CreateApplicationRole';

/** Every migration, oldest first. A new migration file is added here in the same commit. */
export const MIGRATIONS = [CreateApplicationRole1763900000000];
