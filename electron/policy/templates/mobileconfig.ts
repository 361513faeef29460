/**
 * A macOS configuration profile (.mobileconfig) carrying the policy as managed preferences for the
 * app's bundle id (read back from /Library/Managed Preferences by profile-policy.ts), every key with its default (or an example where the field has none) and its
 * explanation in a comment. IT edits the values and deploys it with their MDM. The UUIDs were generated
 * once and must stay: MDMs match profile updates by them.
 */
import { describeDefault, describeRange, type PolicyField } from '../policy-fields';
import { APP_BUNDLE_ID } from '../profile-policy';
import { POLICY_PRODUCT } from '../registry-policy';
import { managedFields } from './registry-fields';
import { xmlText } from './xml-text';

const PROFILE_UUID = '5B0E1C0A-7D3F-4C59-9A63-1E2B8F4D6A17';
const PAYLOAD_UUID = 'C3A9F2E4-18B6-4F0D-8E57-6D2A9B1C4E08';

/** Examples that read as macOS paths (the schema's examples are Windows ones). */
const MAC_EXAMPLES: Partial<Record<string, string>> = { sbuFolder: '/Users/Shared/SBU' };

function plistValue(field: PolicyField): string {
  const value = field.default ?? MAC_EXAMPLES[field.key] ?? field.examples?.[0] ?? '';
  if (typeof value === 'boolean') return value ? '<true/>' : '<false/>';
  if (typeof value === 'number') return `<integer>${value}</integer>`;
  return `<string>${xmlText(value)}</string>`;
}

// XML comments may not contain "--".
const comment = (text: string) => text.replace(/--/g, '- -');

export function renderMobileconfig(): string {
  const keys = managedFields().map((f) =>
    `      <!-- ${comment(`${f.title}: ${f.description} Range: ${describeRange(f)}. Default: ${describeDefault(f)}.`)} -->\n` +
    `      <key>${f.key}</key>\n      ${plistValue(f)}`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<!-- Generated from electron/policy/policy-schema.ts by \`npm run policy:templates\`. Edit the values, not the keys. -->
<plist version="1.0">
<dict>
  <key>PayloadContent</key>
  <array>
    <dict>
      <key>PayloadType</key>
      <string>${APP_BUNDLE_ID}</string>
      <key>PayloadIdentifier</key>
      <string>${APP_BUNDLE_ID}.policy.settings</string>
      <key>PayloadUUID</key>
      <string>${PAYLOAD_UUID}</string>
      <key>PayloadVersion</key>
      <integer>1</integer>
      <key>PayloadEnabled</key>
      <true/>
      <key>PayloadDisplayName</key>
      <string>${POLICY_PRODUCT} settings</string>
${keys}
    </dict>
  </array>
  <key>PayloadDescription</key>
  <string>Machine policy for ${POLICY_PRODUCT}.</string>
  <key>PayloadDisplayName</key>
  <string>${POLICY_PRODUCT} policy</string>
  <key>PayloadIdentifier</key>
  <string>${APP_BUNDLE_ID}.policy</string>
  <key>PayloadOrganization</key>
  <string>Internal Revenue Service</string>
  <key>PayloadScope</key>
  <string>System</string>
  <key>PayloadType</key>
  <string>Configuration</string>
  <key>PayloadUUID</key>
  <string>${PROFILE_UUID}</string>
  <key>PayloadVersion</key>
  <integer>1</integer>
</dict>
</plist>
`;
}
