/**
 * The police organization's full record of a shooting or homicide. It never leaves the police
 * organization as is: partners only ever read disclosures projected from it.
 */
export type IncidentType = 'shooting' | 'homicide';

export interface IncidentLocation {
  latitude: number;
  longitude: number;
  /** Street address of the scene, e.g. house number "1234" and street "W Division St". */
  houseNumber?: string;
  street: string;
  /** The service-area code the partnership uses (beat, district, program catchment). */
  serviceArea: string;
}

export interface IncidentVictim {
  age: number | null;
  fatal: boolean;
  /** Names stay on the police record; they are used only to screen free text. */
  name?: string;
}

export interface IncidentRecord {
  type: IncidentType;
  occurredAt: Date;
  location: IncidentLocation;
  victims: IncidentVictim[];
  hospital?: string | null;
  retaliationRisk: 'low' | 'medium' | 'high' | 'unknown';
  narrative?: string | null;
  requestedResponse?: string | null;
  /** Police report / case number; never disclosed, screened out of free text. */
  caseNumber?: string | null;
  /** Other names on the record (suspects, witnesses), screened out of free text. */
  otherNames?: string[];
}
