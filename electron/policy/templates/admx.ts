/**
 * Group Policy templates: the ADMX (policy definitions: registry key, value names, types, ranges)
 * and its en-US ADML (display names, explanations, the dialog controls). Booleans are enabled/disabled
 * policies writing REG_DWORD 1/0; numbers are decimal boxes with the schema's minimum and maximum;
 * text is a text box (REG_SZ). Every policy lives in one category under Administrative Templates.
 */
import { describeDefault, describeRange, type PolicyField } from '../policy-fields';
import { POLICY_PRODUCT, POLICY_REGISTRY_KEY_SHORT, POLICY_REGISTRY_SUBKEY } from '../registry-policy';
import { managedFields, registryType } from './registry-fields';
import { xmlText } from './xml-text';

export const ADMX_NAMESPACE = 'IRS.Policies.SCOICSecureMessaging';
const CATEGORY = 'SCOICSecureMessaging';
const SUPPORTED = 'SUPPORTED_SCOIC_0_1';
const GP_NS = 'http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions';

function admxPolicy(field: PolicyField): string {
  const head = `    <policy name="${field.key}" class="Machine" displayName="$(string.${field.key})" explainText="$(string.${field.key}_Explain)" key="${xmlText(POLICY_REGISTRY_SUBKEY)}"`;
  const common = `      <parentCategory ref="${CATEGORY}" />\n      <supportedOn ref="${SUPPORTED}" />\n`;
  if (field.kind === 'boolean') {
    return `${head} valueName="${field.key}">\n${common}` +
      '      <enabledValue>\n        <decimal value="1" />\n      </enabledValue>\n' +
      '      <disabledValue>\n        <decimal value="0" />\n      </disabledValue>\n    </policy>';
  }
  const element = field.kind === 'integer'
    ? `<decimal id="${field.key}" valueName="${field.key}" required="true" minValue="${field.minimum}" maxValue="${field.maximum}" />`
    : `<text id="${field.key}" valueName="${field.key}" required="true" maxLength="${field.maxLength ?? 1023}" />`;
  return `${head} presentation="$(presentation.${field.key})">\n${common}      <elements>\n        ${element}\n      </elements>\n    </policy>`;
}

export function renderAdmx(): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<!-- Generated from electron/policy/policy-schema.ts by \`npm run policy:templates\`. Do not edit. -->
<policyDefinitions xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="${GP_NS}">
  <policyNamespaces>
    <target prefix="scoic" namespace="${ADMX_NAMESPACE}" />
  </policyNamespaces>
  <resources minRequiredRevision="1.0" />
  <supportedOn>
    <definitions>
      <definition name="${SUPPORTED}" displayName="$(string.${SUPPORTED})" />
    </definitions>
  </supportedOn>
  <categories>
    <category name="${CATEGORY}" displayName="$(string.${CATEGORY})" explainText="$(string.${CATEGORY}_Explain)" />
  </categories>
  <policies>
${managedFields().map(admxPolicy).join('\n')}
  </policies>
</policyDefinitions>
`;
}

/** The explanation IT reads in the editor: what it does, range, default, where it is written. */
export function explainText(field: PolicyField): string {
  const state = field.kind === 'boolean'
    ? 'Enabled turns it on, Disabled turns it off; Not Configured leaves the policy file or the default in charge.'
    : 'Not Configured leaves the policy file or the default in charge.';
  return [
    field.description,
    '',
    `Range: ${describeRange(field)}. Default: ${describeDefault(field)}.`,
    state,
    `Registry: ${POLICY_REGISTRY_KEY_SHORT}\\${field.key} (${registryType(field)}).`,
    'An invalid value stops the application at start with a message naming this setting.',
  ].join('\n');
}

function presentation(field: PolicyField): string | null {
  if (field.kind === 'boolean') return null;
  if (field.kind === 'integer') {
    return `      <presentation id="${field.key}">\n        <decimalTextBox refId="${field.key}" defaultValue="${field.default ?? field.minimum}" spinStep="1">${xmlText(field.title)}:</decimalTextBox>\n      </presentation>`;
  }
  const initial = typeof field.default === 'string' ? field.default : undefined;
  return `      <presentation id="${field.key}">\n        <textBox refId="${field.key}">\n          <label>${xmlText(field.title)}:</label>\n` +
    (initial !== undefined ? `          <defaultValue>${xmlText(initial)}</defaultValue>\n` : '') +
    '        </textBox>\n      </presentation>';
}

export function renderAdml(): string {
  const fields = managedFields();
  const strings = [
    [CATEGORY, POLICY_PRODUCT],
    [`${CATEGORY}_Explain`, `Machine policy for ${POLICY_PRODUCT}. Values set here win over the policy file (%ProgramData%\\SCOIC Secure Messaging\\policy.json).`],
    [SUPPORTED, `${POLICY_PRODUCT} 0.1 and later`],
    ...fields.flatMap((f) => [[f.key, f.title], [`${f.key}_Explain`, explainText(f)]]),
  ];
  return `<?xml version="1.0" encoding="utf-8"?>
<!-- Generated from electron/policy/policy-schema.ts by \`npm run policy:templates\`. Do not edit. -->
<policyDefinitionResources xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="${GP_NS}">
  <displayName>${POLICY_PRODUCT}</displayName>
  <description>Group Policy settings for ${POLICY_PRODUCT}.</description>
  <resources>
    <stringTable>
${strings.map(([id, text]) => `      <string id="${id}">${xmlText(text!)}</string>`).join('\n')}
    </stringTable>
    <presentationTable>
${fields.map(presentation).filter((p): p is string => p !== null).join('\n')}
    </presentationTable>
  </resources>
</policyDefinitionResources>
`;
}
