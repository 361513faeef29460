/**
 * Who may see a case: the employee it is assigned to, the taxpayer it belongs to, and representatives
 * holding a POA on it. Every read goes through these fragments, so "someone else's id" and "no such
 * id" look the same (404).
 */
export const VISIBLE_CASE_IDS = `SELECT id FROM cases WHERE assigned_employee_id = @account OR taxpayer_account_id = @account
  UNION SELECT case_id FROM case_representatives WHERE account_id = @account`;

export const CASE_VISIBLE = `(c.assigned_employee_id = @account OR c.taxpayer_account_id = @account
  OR EXISTS (SELECT 1 FROM case_representatives r WHERE r.case_id = c.id AND r.account_id = @account))`;
