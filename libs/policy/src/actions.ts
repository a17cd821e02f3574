/** What a caller may try to do; the verbs of every policy declaration and CASL rule. */
export enum Action {
  Manage = 'manage',
  Create = 'create',
  Read = 'read',
  List = 'list',
  Update = 'update',
  Delete = 'delete',
  Approve = 'approve',
  Export = 'export',
}

/** The subjects of policy rules, named as in the domain. */
export type Subject =
  | 'Organization'
  | 'User'
  | 'Session'
  | 'AuditEntry'
  | 'AuditCheckpoint'
  | 'Agreement'
  | 'AgreementVersion'
  | 'Incident'
  | 'Disclosure'
  | 'Referral'
  | 'Report'
  | 'Webhook'
  | 'ServiceArea'
  | 'all';
