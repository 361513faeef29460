/** Sign-in, token refresh and "who am I" for the three kinds of account. */
import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../limits';
import { IdSchema, InstantSchema } from './common';

export const AccountRoleSchema = z.enum(['employee', 'taxpayer', 'representative']);
export type AccountRole = z.infer<typeof AccountRoleSchema>;

/** Employees sign in with their e-Gain ID (access code), the one they give taxpayers at first contact. */
export const EmployeeSignInSchema = z.object({
  accessCode: z.string().min(1).max(64),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
}).strict();

/** Taxpayers and representatives sign in with their portal user name. */
export const ExternalSignInSchema = z.object({
  username: z.string().min(1).max(128),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
}).strict();

export const SignInRequestSchema = z.union([EmployeeSignInSchema, ExternalSignInSchema]).meta({ id: 'SignInRequest' });
export type SignInRequest = z.infer<typeof SignInRequestSchema>;

export const RefreshRequestSchema = z.object({ refreshToken: z.string().min(16).max(256) }).strict().meta({ id: 'RefreshRequest' });
export type RefreshRequest = z.infer<typeof RefreshRequestSchema>;

export const AccountSchema = z.object({
  id: IdSchema,
  role: AccountRoleSchema,
  displayName: z.string(),
  /** Employees only: their e-Gain ID. */
  accessCode: z.string().nullable(),
  /** Employees only: PE, OE, OS or TE. */
  position: z.enum(['PE', 'OE', 'OS', 'TE']).nullable(),
}).meta({ id: 'Account' });
export type Account = z.infer<typeof AccountSchema>;

export const TokenResponseSchema = z.object({
  tokenType: z.literal('Bearer'),
  accessToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int().positive(),
  accessTokenExpiresAt: InstantSchema,
  /** Single use: each refresh returns a new refresh token and retires the old one. */
  refreshToken: z.string(),
  refreshTokenExpiresAt: InstantSchema,
  account: AccountSchema,
}).meta({ id: 'TokenResponse' });
export type TokenResponse = z.infer<typeof TokenResponseSchema>;

export const SignOutResponseSchema = z.object({ signedOut: z.literal(true) });
