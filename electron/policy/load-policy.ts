/**
 * Reads and validates the machine policy. A missing file means development defaults (DEMO mode);
 * a file that exists but is unreadable or invalid stops the application with a message naming the
 * file and the field, because guessing a security setting is worse than not starting.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { PolicySchema, type EffectivePolicy, type Policy } from './policy-schema';

/** Documented in README.md ("Machine policy"). Used only when no policy file is installed. */
export function developmentDefaults(homeDir: string = os.homedir()): Policy {
  return PolicySchema.parse({
    schemaVersion: 1,
    serverUrl: 'http://127.0.0.1:0/',
    sbuFolder: path.join(homeDir, 'Documents', 'SBU'),
  });
}

export function parsePolicy(text: string, file: string): Policy {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new AppError('E_POLICY_INVALID',
      `The machine policy file ${file} is not valid JSON (${(err as Error).message}). ` +
      'Ask IT to correct or reinstall it; the application will not start until it is valid.',
      { file });
  }
  const result = PolicySchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const field = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
      const extra = issue.code === 'unrecognized_keys' ? `: ${issue.keys.join(', ')}` : '';
      return { field, problem: `${issue.message}${extra}` };
    });
    const first = problems[0]!;
    throw new AppError('E_POLICY_INVALID',
      `The machine policy file ${file} is invalid: field "${first.field}" ${first.problem}` +
      (problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '') +
      '. Ask IT to correct it; the application will not start until it is valid.',
      { file, problems });
  }
  return result.data;
}

export function loadPolicy(file: string, homeDir?: string): EffectivePolicy {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      return { policy: developmentDefaults(homeDir), source: 'development-defaults', file: null };
    }
    throw new AppError('E_POLICY_UNREADABLE',
      `The machine policy file ${file} exists but cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}). ` +
      'Ask IT to check its permissions; the application will not start without it.', { file });
  }
  return { policy: parsePolicy(text, file), source: 'machine-policy', file };
}
