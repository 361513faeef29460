/**
 * The policy's fields as plain descriptions (kind, range, default, explanation), derived from the zod
 * schema through its JSON Schema so that the registry reader, every template and the IT guide read
 * the same facts and cannot drift from what validation enforces.
 */
import { z } from 'zod';
import { PolicySchema, type PolicyKey } from './policy-schema';

export type PolicyFieldKind = 'boolean' | 'integer' | 'string';

export interface PolicyField {
  key: PolicyKey;
  kind: PolicyFieldKind;
  title: string;
  description: string;
  /** Required in a managed policy (no default). */
  required: boolean;
  default?: boolean | number | string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  /** The only value allowed (schemaVersion). */
  const?: number;
  /** Example values for fields without a default (shown in templates). */
  examples?: string[];
  /** `uri` for the server address. */
  format?: string;
}

/** Fields that exist only in the JSON file: the registry and profiles imply them. */
export const FILE_ONLY_KEYS: readonly PolicyKey[] = ['schemaVersion'];

interface JsonSchemaProperty {
  type?: string;
  title?: string;
  description?: string;
  default?: boolean | number | string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  const?: number;
  examples?: string[];
  format?: string;
}

/** The JSON Schema (draft-07) of the Linux policy file, exactly as zod derives it. */
export function policyJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(PolicySchema, { io: 'input', target: 'draft-07' }) as Record<string, unknown>;
}

let cached: PolicyField[] | undefined;

export function policyFields(): PolicyField[] {
  if (cached) return cached;
  const schema = policyJsonSchema() as { properties: Record<string, JsonSchemaProperty>; required?: string[] };
  const required = new Set(schema.required ?? []);
  cached = Object.entries(schema.properties).map(([key, p]) => {
    const kind: PolicyFieldKind = p.type === 'boolean' ? 'boolean' : p.type === 'integer' || p.type === 'number' ? 'integer' : 'string';
    if (p.type !== 'boolean' && p.type !== 'integer' && p.type !== 'string' && p.type !== 'number') {
      throw new Error(`policy field ${key}: type ${String(p.type)} has no registry or template mapping`);
    }
    if (!p.title || !p.description) throw new Error(`policy field ${key} needs a title and a description (.meta) for IT`);
    const field: PolicyField = { key: key as PolicyKey, kind, title: p.title, description: p.description, required: required.has(key) };
    for (const name of ['default', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'const', 'examples', 'format'] as const) {
      if (p[name] !== undefined) (field as unknown as Record<string, unknown>)[name] = p[name];
    }
    return field;
  });
  return cached;
}

/** A range in words, as the templates and the IT guide show it. */
export function describeRange(field: PolicyField): string {
  if (field.const !== undefined) return `exactly ${field.const}`;
  if (field.kind === 'boolean') return 'true or false (registry: 1 or 0)';
  if (field.kind === 'integer') return `${field.minimum ?? '-'}-${field.maximum ?? '-'}`;
  if (field.pattern) return `matches ${field.pattern}`;
  if (field.format === 'uri') return `an https:// URL of at most ${field.maxLength} characters`;
  const min = field.minLength ?? 0;
  return field.maxLength !== undefined ? `${min}-${field.maxLength} characters` : 'text';
}

export function describeDefault(field: PolicyField): string {
  if (field.default === undefined) return field.required ? 'none (required)' : 'none';
  return typeof field.default === 'string' ? `"${field.default}"` : String(field.default);
}
