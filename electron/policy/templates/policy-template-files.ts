/** Every generated policy file, by its path in the repository: the script writes them, a test compares them. */
import { renderAdml, renderAdmx } from './admx';
import { renderPolicyJsonSchema } from './linux-json-schema';
import { renderMobileconfig } from './mobileconfig';

export function policyTemplateFiles(): Array<{ path: string; content: string }> {
  return [
    { path: 'resources/policy/windows/scoic-secure-messaging.admx', content: renderAdmx() },
    { path: 'resources/policy/windows/en-US/scoic-secure-messaging.adml', content: renderAdml() },
    { path: 'resources/policy/macos/gov.irs.scoic.securemessaging.mobileconfig', content: renderMobileconfig() },
    { path: 'resources/policy/linux/policy.schema.json', content: renderPolicyJsonSchema() },
  ];
}

export const IT_GUIDE_PATH = 'docs/it-guide.md';
