/**
 * The synthetic people of the demo. SSNs come only from 987-65-4320..4329 (never issued); names,
 * e-mail domains (.invalid) and e-Gain IDs are made up. Passwords are printed by the CLI.
 */
export const DEMO_PASSWORDS = {
  employee: 'demo-employee-pass',
  taxpayer: 'demo-taxpayer-pass',
  representative: 'demo-representative-pass',
} as const;

export const DEMO_EMPLOYEES = [
  { displayName: 'Dana Whitfield', accessCode: '1004821', position: 'OE' },
  { displayName: 'Marcus Okafor', accessCode: '1007395', position: 'OS' },
  { displayName: 'Priya Raman', accessCode: '1002264', position: 'PE' },
] as const;

export const DEMO_TAXPAYERS = [
  { displayName: 'Jordan Ellis', username: 'jordan.ellis', tin: '987-65-4320' },
  { displayName: 'Maria Delgado', username: 'maria.delgado', tin: '987-65-4321' },
  { displayName: 'Samuel Brooks', username: 'samuel.brooks', tin: '987-65-4322' },
  { displayName: 'Aisha Thompson', username: 'aisha.thompson', tin: '987-65-4323' },
  { displayName: 'Kevin Nguyen', username: 'kevin.nguyen', tin: '987-65-4324' },
  { displayName: 'Rebecca Stone', username: 'rebecca.stone', tin: '987-65-4325' },
  { displayName: 'Luis Romero', username: 'luis.romero', tin: '987-65-4326' },
  { displayName: 'Hannah Weiss', username: 'hannah.weiss', tin: '987-65-4327' },
  { displayName: 'Tyrone Jackson', username: 'tyrone.jackson', tin: '987-65-4328' },
  { displayName: 'Emily Carter', username: 'emily.carter', tin: '987-65-4329' },
] as const;

export const DEMO_REPRESENTATIVES = [
  { displayName: 'Grace Lindqvist, CPA', username: 'rep.lindqvist' },
  { displayName: 'Omar Amador, EA', username: 'rep.amador' },
  { displayName: 'Wei Chen, Attorney', username: 'rep.chen' },
] as const;

export const emailFor = (username: string) => `${username.replace(/[^a-z0-9.]/gi, '')}@demo-mail.invalid`;
