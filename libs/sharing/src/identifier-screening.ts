import { findPhoneNumbersInText } from 'libphonenumber-js';
import { DomainException, ErrorCode } from '@accord/http';

export type IdentifierKind = 'phone' | 'email' | 'date_of_birth' | 'street_address' | 'case_number' | 'name_on_record';

export interface IdentifierFinding {
  kind: IdentifierKind;
  start: number;
  end: number;
}

export interface ScreeningContext {
  /** Names on the source record (victims, suspects, witnesses). */
  namesOnRecord: string[];
  /** The record's own case/report numbers. */
  caseNumbers: string[];
  /** The record's own house numbers (the scene's), found even without a street after them. */
  houseNumbers?: string[];
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// Dates that could be a birth date: 03/14/2005, 3-14-05, 2005-03-14, "March 14, 2005", "14 March 2005".
const MONTHS =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ob' +
  'er)?|nov(?:ember)?|dec(?:ember)?)';
const DATES = new RegExp(
  [
    String.raw`\b\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b`,
    String.raw`\b(?:19|20)\d{2}-\d{1,2}-\d{1,2}\b`,
    String.raw`\b${MONTHS}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}\b`,
    String.raw`\b\d{1,2}(?:st|nd|rd|th)?\s+${MONTHS}\.?,?\s+(?:19|20)\d{2}\b`,
    String.raw`\b(?:dob|d\.o\.b\.|born)\b`,
  ].join('|'),
  'gi',
);
const STREET_TYPES =
  '(?:st(?:reet)?|ave(?:nue)?|blvd|boulevard|rd|road|dr(?:ive)?|ln|lane|ct|court|pl(?:ace)?|way|ter(?:race)?|pk' +
  'wy|parkway|hwy|highway|cir(?:cle)?)';
// A house number followed by a street name and type: "1234 W Division St", "55 Elm Street".
const STREET_ADDRESS = new RegExp(
  String.raw`\b\d{1,6}\s+(?:[NSEW]\.?\s+)?(?:[A-Za-z0-9'.-]+\s+){0,3}${STREET_TYPES}\b\.?`,
  'gi',
);
// Report/case numbers in common police formats: "RD# JA123456", "case 2026-004512", "report no. 26-12345".
// A 7-digit local number without an area code ("555-0187", "555 0187", "5550187"), which
// libphonenumber does not take for a phone number without one.
const LOCAL_PHONE = /(?<![\d(+-])(?:\d{3}[-. ]\d{4}|\d{7})(?![\d-])/g;
const CASE_NUMBER = /\b(?:case|report|rd|cb|incident|ir)\s*(?:#|no\.?|number)?\s*:?\s*[A-Z]{0,3}-?\d[\d-]{3,}\b/gi;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function collect(pattern: RegExp, text: string, kind: IdentifierKind, out: IdentifierFinding[]): void {
  for (const match of text.matchAll(pattern))
    out.push({ kind, start: match.index, end: match.index + match[0].length });
}

/**
 * Finds identifiers in free text that is about to leave the organization (incident narratives,
 * community concerns). Conservative by design: a false alarm costs the sender one redaction, a miss
 * could cost someone their safety.
 */
export function screenForIdentifiers(text: string, context: ScreeningContext): IdentifierFinding[] {
  const findings: IdentifierFinding[] = [];
  for (const phone of findPhoneNumbersInText(text, { defaultCountry: 'US' })) {
    findings.push({ kind: 'phone', start: phone.startsAt, end: phone.endsAt });
  }
  collect(EMAIL, text, 'email', findings);
  collect(DATES, text, 'date_of_birth', findings);
  collect(STREET_ADDRESS, text, 'street_address', findings);
  collect(CASE_NUMBER, text, 'case_number', findings);
  for (const caseNumber of context.caseNumbers.filter((c) => c.trim().length >= 3)) {
    collect(new RegExp(escapeRegExp(caseNumber.trim()), 'gi'), text, 'case_number', findings);
  }
  collect(LOCAL_PHONE, text, 'phone', findings);
  // The scene's own house number, alone ("in front of 1432 W Chicago"): a number of one digit is
  // too common in prose to tell apart, and is caught with its street by STREET_ADDRESS.
  for (const houseNumber of (context.houseNumbers ?? []).map((h) => h.trim()).filter((h) => /^\d{2,}/.test(h))) {
    collect(
      new RegExp(String.raw`(?<![\p{L}\p{N}])${escapeRegExp(houseNumber)}(?![\p{N}])`, 'giu'),
      text,
      'street_address',
      findings,
    );
  }
  // Every part of a name on the record counts: a first name alone can identify in a small community,
  // and a surname even more so. Matched without case or accents ("jose nunez" is "José Núñez").
  const folded = foldText(text);
  const nameParts = new Set(
    context.namesOnRecord
      .flatMap((n) => [n, ...n.split(/[\s\-‐–'’.,]+/)])
      .map((p) => foldText(p.trim()).text)
      .filter((p) => p.length >= 2),
  );
  for (const part of nameParts) {
    for (const match of folded.text.matchAll(
      new RegExp(String.raw`(?<![\p{L}\p{N}])${escapeRegExp(part)}(?![\p{L}\p{N}])`, 'gu'),
    )) {
      findings.push({
        kind: 'name_on_record',
        start: folded.from[match.index]!,
        end: folded.to[match.index + match[0].length - 1]!,
      });
    }
  }
  return mergeOverlapping(findings);
}

/**
 * Text lower-cased and stripped of accents (NFKD, combining marks dropped), with where each of its
 * characters came from in the original, so a finding in the folded text redacts the original span.
 */
export function foldText(text: string): { text: string; from: number[]; to: number[] } {
  let out = '';
  const from: number[] = [];
  const to: number[] = [];
  let index = 0;
  for (const char of text) {
    const folded = char.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
    for (const unit of folded) {
      out += unit;
      for (let i = 0; i < unit.length; i += 1) {
        from.push(index);
        to.push(index + char.length);
      }
    }
    index += char.length;
  }
  return { text: out, from, to };
}

function mergeOverlapping(findings: IdentifierFinding[]): IdentifierFinding[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: IdentifierFinding[] = [];
  for (const finding of sorted) {
    const last = merged[merged.length - 1];
    if (last && finding.start < last.end) {
      last.end = Math.max(last.end, finding.end);
      continue;
    }
    merged.push({ ...finding });
  }
  return merged;
}

/** Replaces every finding with a marker naming its kind, e.g. "[redacted: phone]". */
export function redactIdentifiers(text: string, findings: IdentifierFinding[]): string {
  let out = '';
  let cursor = 0;
  for (const finding of [...findings].sort((a, b) => a.start - b.start)) {
    out += text.slice(cursor, finding.start) + `[redacted: ${finding.kind}]`;
    cursor = finding.end;
  }
  return out + text.slice(cursor);
}

/**
 * The one refusal of free text that holds identifiers (422 IDENTIFIERS_FOUND): per field, the kinds found and where.
 */
export function identifiersFound(
  message: string,
  fields: { field: string; findings: IdentifierFinding[] }[],
): DomainException {
  return new DomainException(ErrorCode.IdentifiersFound, message, {
    findings: fields.map((f) => ({
      field: f.field,
      kinds: [...new Set(f.findings.map((x) => x.kind))],
      positions: f.findings.map((x) => [x.start, x.end]),
    })),
  });
}
