/**
 * `npm run policy:templates`: writes the Group Policy templates, the macOS profile and the Linux JSON
 * schema under resources/policy/, and the policy table of docs/it-guide.md, all from the zod schema.
 * `--check` writes nothing and exits 1 if any checked-in file differs (what the test asserts too).
 */
import fs from 'node:fs';
import path from 'node:path';
import { withPolicyTable } from '../electron/policy/templates/policy-table';
import { IT_GUIDE_PATH, policyTemplateFiles } from '../electron/policy/templates/policy-template-files';

const root = path.resolve(import.meta.dirname, '..');
const check = process.argv.includes('--check');

const guidePath = path.join(root, IT_GUIDE_PATH);
const outputs = [
  ...policyTemplateFiles(),
  { path: IT_GUIDE_PATH, content: withPolicyTable(fs.readFileSync(guidePath, 'utf8')) },
];

let stale = 0;
for (const file of outputs) {
  const target = path.join(root, file.path);
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
  if (current === file.content) continue;
  if (check) {
    console.error(`out of date: ${file.path}`);
    stale++;
    continue;
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, file.content);
  console.log(`wrote ${file.path}`);
}
if (check && stale > 0) {
  console.error('Run `npm run policy:templates` and check the files in.');
  process.exit(1);
}
