/** Where IT installs the machine policy file on each platform. */
import path from 'node:path';

export const POLICY_FILE_NAME = 'policy.json';

/**
 * Fixed per platform. On Windows not from %ProgramData%: the employee can set it for their own process
 * and point the app at a policy file of their own (agency images install Windows on C:).
 */
export function machinePolicyPath(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'win32':
      return path.win32.join('C:\\ProgramData', 'SCOIC Secure Messaging', POLICY_FILE_NAME);
    case 'darwin':
      return path.posix.join('/Library/Application Support/SCOIC Secure Messaging', POLICY_FILE_NAME);
    default:
      return path.posix.join('/etc/scoic-secure-messaging', POLICY_FILE_NAME);
  }
}

/**
 * The policy file to read. `SCOIC_POLICY_FILE` overrides the location only in development builds:
 * in a packaged build an environment variable must not let a user swap IT's policy for their own.
 */
export function policyFilePath(options: { platform: NodeJS.Platform; env: NodeJS.ProcessEnv; packaged: boolean }): string {
  const override = options.env.SCOIC_POLICY_FILE;
  if (!options.packaged && override) return path.resolve(override);
  return machinePolicyPath(options.platform);
}
