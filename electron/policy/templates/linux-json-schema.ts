/** The JSON Schema of the policy file (Linux /etc/scoic-secure-messaging/policy.json; the same file elsewhere). */
import { policyJsonSchema } from '../policy-fields';

export function renderPolicyJsonSchema(): string {
  const schema = {
    ...policyJsonSchema(),
    $id: 'https://scoic.example.gov/schemas/policy-v1.schema.json',
    title: 'SCOIC Secure Messaging machine policy',
    description: 'Generated from electron/policy/policy-schema.ts by `npm run policy:templates`. Do not edit.',
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
