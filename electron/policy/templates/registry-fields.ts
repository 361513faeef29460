/** The fields Group Policy and profiles set (all but the file's own format version), with their registry type. */
import { FILE_ONLY_KEYS, policyFields, type PolicyField } from '../policy-fields';

export const managedFields = (): PolicyField[] => policyFields().filter((f) => !FILE_ONLY_KEYS.includes(f.key));

export const registryType = (field: PolicyField): 'REG_DWORD' | 'REG_SZ' => (field.kind === 'string' ? 'REG_SZ' : 'REG_DWORD');
