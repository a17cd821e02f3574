import type { components } from '@/api/schema';

type Role = components['schemas']['Role'];

/** Where a person lands after sign-in: the screen of their main job. */
export function landingPathFor(roles: readonly Role[]): string {
  if (roles.includes('program_manager')) return '/triage';
  if (roles.includes('outreach_worker')) return '/inbox';
  if (roles.includes('police_liaison')) return '/incidents';
  if (roles.includes('board_member')) return '/board';
  return '/home';
}
