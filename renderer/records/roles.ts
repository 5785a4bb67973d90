// Who may do what. The records layer checks these on every call, so hiding a button is never the
// only thing between an officer and a victim's address.

export const ROLES = ['officer', 'supervisor', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

export type Capability =
  | 'scan'
  | 'officer-check'
  | 'review'
  | 'decide'
  | 'view-victim-details'
  | 'view-reports'
  | 'view-audit'
  | 'manage-accounts'
  | 'change-settings'
  | 'import-list'
  | 'purge';

const GRANTS: Readonly<Record<Role, readonly Capability[]>> = {
  // Scans and sees verdicts and block references, never victim details.
  officer: ['scan', 'officer-check'],
  // Resolves letters on the same station; sees victim details, each view audited.
  supervisor: ['scan', 'officer-check', 'review', 'decide', 'view-victim-details', 'view-reports', 'view-audit'],
  // Accounts, settings and list import; no victim details (least privilege).
  administrator: ['manage-accounts', 'change-settings', 'import-list', 'purge', 'view-reports', 'view-audit'],
};

export function can(role: Role, capability: Capability): boolean {
  return GRANTS[role].includes(capability);
}

export function roleLabel(role: Role): string {
  switch (role) {
    case 'officer':
      return 'Officer';
    case 'supervisor':
      return 'Supervisor';
    case 'administrator':
      return 'Administrator';
    default: {
      const never: never = role;
      return never;
    }
  }
}
