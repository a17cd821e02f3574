import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { load } from 'js-yaml';
import { policiesDir } from './policies-dir';
import type { SharingParameters } from './sharing-parameters';

export interface AgreementTemplate {
  /** File name without extension, e.g. `one-way-shooting-notifications`. */
  key: string;
  name: string;
  description: string;
  sharingParameters: SharingParameters;
}

/** The ready starting agreements in `policies/templates/`, for an org admin to start a draft from. */
export function loadAgreementTemplates(dir = join(policiesDir(), 'templates')): AgreementTemplate[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const doc = load(readFileSync(join(dir, file), 'utf8')) as Omit<AgreementTemplate, 'key'>;
      return {
        key: basename(file, '.yaml'),
        name: doc.name,
        description: doc.description,
        sharingParameters: doc.sharingParameters,
      };
    });
}
