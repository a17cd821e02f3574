import type { APIRequestContext } from '@playwright/test';
import { DEMO_SERVICE_AREAS } from '../../../../libs/sharing/src/service-areas';
import { sampleIncident } from '../../../../libs/testing/src/sample-incident';
import { testServerUrl } from './servers';

/**
 * A shooting as the liaison records it (the API tests' own): the names, house number, hospital and
 * case number stay on the police record; what the partner gets is generalized by the API (block,
 * hour, age band) and screened.
 */
export const shooting = sampleIncident;

/** What must never reach the partner's screen from `shooting()`. */
export const POLICE_ONLY = ['Darnell', 'Whitfield', 'Marcus Bell', 'JA481220', '1234 W Division', 'Stroger'];

/**
 * The liaison records and shares an incident through the API (composing in the liaison console is a later
 * screen); returns the disclosure made for the partner. Delivery to inboxes then runs in the background.
 */
export async function shareIncident(
  request: APIRequestContext,
  liaisonToken: string,
  incident: ReturnType<typeof shooting>,
): Promise<{ incidentId: string; disclosureId: string }> {
  const headers = { Authorization: `Bearer ${liaisonToken}` };
  const created = await request.post(`${testServerUrl()}/api/v1/incidents`, { headers, data: incident });
  if (created.status() !== 201)
    throw new Error(`recording the incident failed: ${created.status()} ${await created.text()}`);
  const incidentId = ((await created.json()) as { id: string }).id;
  const shared = await request.post(`${testServerUrl()}/api/v1/incidents/${incidentId}/share`, {
    headers,
    data: { redact: false },
  });
  if (shared.status() !== 200) throw new Error(`sharing failed: ${shared.status()} ${await shared.text()}`);
  const disclosures = (await shared.json()) as { disclosureId: string }[];
  if (disclosures.length !== 1) throw new Error(`expected one disclosure, got ${disclosures.length}`);
  return { incidentId, disclosureId: disclosures[0]!.disclosureId };
}

/**
 * The department's org admin loads its service areas through the API (the demo city's districts D14, D12 and D07,
 * libs/sharing's DEMO_SERVICE_AREAS); from then on its incidents take their area from their point.
 */
export async function loadServiceAreas(request: APIRequestContext, adminToken: string): Promise<void> {
  const res = await request.put(`${testServerUrl()}/api/v1/service-areas`, {
    headers: { Authorization: `Bearer ${adminToken}` },
    data: DEMO_SERVICE_AREAS,
  });
  if (res.status() !== 200) throw new Error(`loading the service areas failed: ${res.status()} ${await res.text()}`);
}
