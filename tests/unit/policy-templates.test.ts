/**
 * The policy templates are generated from the zod schema and checked in: regenerating them changes
 * nothing; the XML is well formed; every field is in every template with the ranges and defaults
 * zod enforces (probed on the schema itself, not read from the generator's own source of facts).
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { PolicySchema, type PolicyKey } from '../../electron/policy/policy-schema';
import { POLICY_REGISTRY_SUBKEY } from '../../electron/policy/registry-policy';
import { withPolicyTable } from '../../electron/policy/templates/policy-table';
import { IT_GUIDE_PATH, policyTemplateFiles } from '../../electron/policy/templates/policy-template-files';

const root = path.resolve(import.meta.dirname, '../..');
const read = (p: string) => fs.readFileSync(path.join(root, p), 'utf8');
const files = Object.fromEntries(policyTemplateFiles().map((f) => [path.extname(f.path), f.path]));

/** What zod itself says about a field: its kind and, for numbers, the inclusive bounds found by probing. */
const shape = PolicySchema.shape as Record<PolicyKey, { safeParse(v: unknown): { success: boolean }; parse(v: unknown): unknown }>;
const managedKeys = (Object.keys(shape) as PolicyKey[]).filter((k) => k !== 'schemaVersion');
const accepts = (key: PolicyKey, value: unknown) => shape[key].safeParse(value).success;
const zodDefault = (key: PolicyKey) => (shape[key].safeParse(undefined).success ? shape[key].parse(undefined) : undefined);
const zodKind = (key: PolicyKey) => (accepts(key, true) || accepts(key, false) ? 'boolean' : accepts(key, 1) || accepts(key, 5) || accepts(key, 15) ? 'integer' : 'string');

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['policy', 'string', 'presentation'].includes(name) });

describe('generated policy templates', () => {
  it('match the checked-in files (run `npm run policy:templates` after changing the schema)', () => {
    for (const file of policyTemplateFiles()) expect(read(file.path), file.path).toBe(file.content);
    const guide = read(IT_GUIDE_PATH);
    expect(withPolicyTable(guide)).toBe(guide);
  });

  it('are well-formed XML', () => {
    for (const ext of ['.admx', '.adml', '.mobileconfig']) expect(XMLValidator.validate(read(files[ext]!)), ext).toBe(true);
  });
});

describe('ADMX/ADML', () => {
  type Policy = { name: string; key: string; valueName?: string; class: string; explainText: string; displayName: string; presentation?: string;
    parentCategory: { ref: string }; enabledValue?: { decimal: { value: string } }; disabledValue?: { decimal: { value: string } };
    elements?: { decimal?: { valueName: string; minValue: string; maxValue: string }; text?: { valueName: string; maxLength: string } } };
  const admx = parser.parse(read(files['.admx']!)).policyDefinitions as { categories: { category: { name: string } }; policies: { policy: Policy[] } };
  const adml = parser.parse(read(files['.adml']!)).policyDefinitionResources.resources as {
    stringTable: { string: Array<{ id: string; '#text': string }> };
    presentationTable: { presentation: Array<{ id: string; decimalTextBox?: { refId: string; defaultValue: string }; textBox?: { refId: string; defaultValue?: string } }> };
  };
  const strings = new Map(adml.stringTable.string.map((s) => [s.id, String(s['#text'])]));
  const policies = new Map(admx.policies.policy.map((p) => [p.name, p]));

  it('define one machine policy per field, in one category, under the Policies key', () => {
    expect([...policies.keys()].sort()).toEqual([...managedKeys].sort());
    for (const p of policies.values()) {
      expect(p.class).toBe('Machine');
      expect(p.key).toBe(POLICY_REGISTRY_SUBKEY);
      expect(p.key).toBe('SOFTWARE\\Policies\\IRS\\SCOIC Secure Messaging');
      expect(p.parentCategory.ref).toBe(admx.categories.category.name);
      expect(strings.get(p.displayName.replace(/^\$\(string\.(.*)\)$/, '$1'))).toBeTruthy();
    }
  });

  it('have the same kinds, ranges and defaults as the zod schema, and explain each', () => {
    for (const key of managedKeys) {
      const p = policies.get(key)!;
      const explain = strings.get(`${key}_Explain`)!;
      const kind = zodKind(key);
      const fallback = zodDefault(key);
      if (fallback !== undefined) expect(explain, key).toContain(`Default: ${typeof fallback === 'string' ? `"${fallback}"` : String(fallback)}.`);
      expect(explain, key).toContain(`${key} (${kind === 'string' ? 'REG_SZ' : 'REG_DWORD'})`);
      const presentation = adml.presentationTable.presentation.find((x) => x.id === key);
      if (kind === 'boolean') {
        expect(p.valueName).toBe(key);
        expect(p.enabledValue?.decimal.value).toBe('1');
        expect(p.disabledValue?.decimal.value).toBe('0');
        expect(presentation).toBeUndefined();
      } else if (kind === 'integer') {
        const decimal = p.elements?.decimal;
        expect(decimal?.valueName).toBe(key);
        const min = Number(decimal!.minValue);
        const max = Number(decimal!.maxValue);
        expect([accepts(key, min - 1), accepts(key, min), accepts(key, max), accepts(key, max + 1)], key).toEqual([false, true, true, false]);
        expect(explain).toContain(`Range: ${min}-${max}.`);
        expect(Number(presentation?.decimalTextBox?.defaultValue)).toBe(fallback);
      } else {
        const text = p.elements?.text;
        expect(text?.valueName).toBe(key);
        const maxLength = Number(text!.maxLength);
        expect(maxLength).toBeLessThanOrEqual(1023); // what a Group Policy text box holds
        expect(presentation?.textBox?.refId).toBe(key);
        if (fallback !== undefined) expect(presentation?.textBox?.defaultValue).toBe(fallback);
      }
    }
  });
});

describe('macOS profile', () => {
  const plist = parser.parse(read(files['.mobileconfig']!)).plist.dict as { array: { dict: Record<string, unknown> } };
  it('carries every field with its default (or a valid example), typed as the schema wants', () => {
    const payload = plist.array.dict as { key: string[]; string: string[]; integer: number[] };
    for (const key of managedKeys) expect(payload.key, key).toContain(key);
    const text = read(files['.mobileconfig']!);
    const profile: Record<string, unknown> = { schemaVersion: 1 };
    for (const key of managedKeys) {
      const match = new RegExp(`<key>${key}</key>\\n\\s*(<true/>|<false/>|<integer>(\\d+)</integer>|<string>([^<]*)</string>)`).exec(text);
      expect(match, key).not.toBeNull();
      profile[key] = match![1] === '<true/>' ? true : match![1] === '<false/>' ? false : match![2] !== undefined ? Number(match![2]) : match![3];
      const fallback = zodDefault(key);
      if (fallback !== undefined) expect(profile[key], key).toEqual(fallback);
    }
    expect(PolicySchema.safeParse(profile).success).toBe(true);
  });
});

describe('Linux JSON schema', () => {
  const schema = JSON.parse(read(files['.json']!)) as { properties: Record<string, unknown>; additionalProperties: boolean };
  const validate = new Ajv({ strict: false }).compile(schema);
  it('lists every field and refuses what zod refuses', () => {
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(shape).sort());
    expect(schema.additionalProperties).toBe(false);
    const valid = { schemaVersion: 1, serverUrl: 'https://sm.example.gov/', sbuFolder: '/srv/SBU' };
    expect(validate(valid)).toBe(true);
    for (const bad of [{ idleLockMinutes: 16 }, { retentionDays: 0 }, { documentRequestDefaultDays: 91 }, { allowPhysicalPrinting: 'no' }, { idleLockMinute: 5 }]) {
      const candidate = { ...valid, ...bad };
      expect(validate(candidate), JSON.stringify(bad)).toBe(false);
      expect(PolicySchema.safeParse(candidate).success).toBe(false);
    }
  });
});
