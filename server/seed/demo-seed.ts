/**
 * `--seed demo`: synthetic employees, taxpayers and representatives, 21 OIC cases over all three offer
 * bases, and threads in which employees request 433-A (OIC) documents and taxpayers answer with
 * generated files (multi-page PDFs, JPEG/PNG scans, a multi-page fax TIFF, .docx, .xlsx, CSV and one
 * large CSV export). Seeding an already seeded data directory changes nothing.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { Case, OfferBasis } from '../../shared/protocol/cases';
import { MiB } from '../../shared/limits';
import type { Db } from '../db/open-database';
import type { DataDir } from '../store/data-dir';
import { hashPassword } from '../auth/passwords';
import { insertAccount } from '../store/accounts';
import { insertThread, toCase, type CaseRow } from '../store/cases';
import { insertMessage, type NewMessage } from '../store/messages';
import { appendEvent } from '../store/events';
import { DEMO_EMPLOYEES, DEMO_PASSWORDS, DEMO_REPRESENTATIVES, DEMO_TAXPAYERS, emailFor } from './demo-people';
import { DOCUMENT_KINDS, demoFile, renderSharedScans, type DemoFile, type DocumentKind } from './demo-documents';
import { writeLargeCsv } from './large-file';

export interface DemoSeedOptions {
  /** Size of the large file; 25 MiB keeps seeding to a few seconds. */
  largeFileBytes?: number;
  caseCount?: number;
}

export interface DemoCredentials {
  employees: Array<{ displayName: string; accessCode: string; password: string }>;
  taxpayers: Array<{ displayName: string; username: string; password: string }>;
  representatives: Array<{ displayName: string; username: string; password: string }>;
}

export const DEMO_CREDENTIALS: DemoCredentials = {
  employees: DEMO_EMPLOYEES.map((e) => ({ displayName: e.displayName, accessCode: e.accessCode, password: DEMO_PASSWORDS.employee })),
  taxpayers: DEMO_TAXPAYERS.map((t) => ({ displayName: t.displayName, username: t.username, password: DEMO_PASSWORDS.taxpayer })),
  representatives: DEMO_REPRESENTATIVES.map((r) => ({ displayName: r.displayName, username: r.username, password: DEMO_PASSWORDS.representative })),
};

const BASES: OfferBasis[] = ['doubt-as-to-collectibility', 'doubt-as-to-liability', 'effective-tax-administration'];
// Indexed per employee (i / employees), so every employee's cases show every status.
const STATUSES: Case['status'][] = ['pending-documents', 'under-review', 'open', 'pending-documents', 'appeals', 'closed'];
const DAY = 86_400_000;
const HOUR = 3_600_000;
const EPOCH = Date.UTC(2025, 1, 3, 14, 0, 0);

export const offerNumberFor = (i: number) => `DEMO-${String(10001 + i).padStart(10, '0')}`;

interface PlannedAttachment { file: DemoFile | { path: string; fileName: string; contentType: string; size: number; sha256: string } }

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file, { highWaterMark: MiB }), hash);
  return hash.digest('hex');
}

export async function seedDemo(db: Db, dir: DataDir, options: DemoSeedOptions = {}): Promise<DemoCredentials> {
  const alreadySeeded = (db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n > 0;
  if (alreadySeeded) return DEMO_CREDENTIALS;
  const caseCount = options.caseCount ?? 21;

  // Slow, asynchronous work first (hashing passwords, rendering files); then one transaction.
  const [employeeHashes, taxpayerHashes, repHashes, scans] = await Promise.all([
    Promise.all(DEMO_EMPLOYEES.map(() => hashPassword(DEMO_PASSWORDS.employee))),
    Promise.all(DEMO_TAXPAYERS.map(() => hashPassword(DEMO_PASSWORDS.taxpayer))),
    Promise.all(DEMO_REPRESENTATIVES.map(() => hashPassword(DEMO_PASSWORDS.representative))),
    renderSharedScans(),
  ]);

  const largeId = randomUUID();
  const largeBytes = options.largeFileBytes ?? 25 * MiB;
  await writeLargeCsv(dir.blob(largeId), largeBytes, 7);
  const large = { path: dir.blob(largeId), fileName: 'Transaction history export 2015-2025.csv', contentType: 'text/csv', size: largeBytes, sha256: await sha256File(dir.blob(largeId)) };

  const replies: PlannedAttachment[][] = [];
  for (let i = 0; i < caseCount; i++) {
    const holder = DEMO_TAXPAYERS[i % DEMO_TAXPAYERS.length]!.displayName;
    const kinds: DocumentKind[] = i === 0 ? [...DOCUMENT_KINDS] : [DOCUMENT_KINDS[i % 8]!, DOCUMENT_KINDS[(i + 3) % 8]!];
    const files = await Promise.all(kinds.map((k) => demoFile(k, holder, i + 1, scans)));
    const planned: PlannedAttachment[] = files.map((file) => ({ file }));
    if (i === 0) planned.push({ file: large });
    replies.push(planned);
  }

  db.transaction(() => {
    const employees = DEMO_EMPLOYEES.map((e, i) => insertAccount(db, {
      role: 'employee', displayName: e.displayName, accessCode: e.accessCode, position: e.position,
      email: `${e.displayName.toLowerCase().replace(/[^a-z]+/g, '.')}@irs-demo.invalid`, passwordHash: employeeHashes[i]!,
    }));
    const taxpayers = DEMO_TAXPAYERS.map((t, i) => insertAccount(db, {
      role: 'taxpayer', displayName: t.displayName, username: t.username, email: emailFor(t.username), passwordHash: taxpayerHashes[i]!,
    }));
    const reps = DEMO_REPRESENTATIVES.map((r, i) => insertAccount(db, {
      role: 'representative', displayName: r.displayName, username: r.username, email: emailFor(r.username), passwordHash: repHashes[i]!,
    }));

    for (let i = 0; i < caseCount; i++) {
      const t0 = EPOCH + i * DAY;
      const at = (offset: number) => new Date(t0 + offset).toISOString();
      const taxpayerIndex = i % DEMO_TAXPAYERS.length;
      const employeeId = employees[i % employees.length]!;
      const taxpayerId = taxpayers[taxpayerIndex]!;
      const repId = i % 3 === 1 ? reps[Math.floor(i / 3) % reps.length]! : undefined;
      const caseId = randomUUID();
      db.prepare(`INSERT INTO cases (id, offer_number, offer_basis, status, taxpayer_account_id, taxpayer_name, tin, assigned_employee_id, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(caseId, offerNumberFor(i), BASES[i % 3]!, STATUSES[Math.floor(i / employees.length) % STATUSES.length]!, taxpayerId,
        DEMO_TAXPAYERS[taxpayerIndex]!.displayName, DEMO_TAXPAYERS[taxpayerIndex]!.tin, employeeId, at(0), at(0));
      if (repId) db.prepare('INSERT INTO case_representatives (case_id, account_id) VALUES (?, ?)').run(caseId, repId);
      appendEvent(db, caseId, at(0), { type: 'case.created', case: toCase(db, db.prepare('SELECT * FROM cases WHERE id = ?').get(caseId) as CaseRow) });

      const thread = (subject: string, by: string, offset: number) => {
        const th = insertThread(db, { id: randomUUID(), caseId, subject, createdBy: by, createdAt: at(offset) });
        appendEvent(db, caseId, at(offset), { type: 'thread.created', thread: th });
        return th.id;
      };
      const send = (threadId: string, senderId: string, direction: 'outbound' | 'inbound', body: string, offset: number, attachments: PlannedAttachment[] = []) => {
        const stored: NewMessage['attachments'] = attachments.map(({ file }) => {
          const id = randomUUID();
          if ('bytes' in file) {
            fs.writeFileSync(dir.blob(id), file.bytes);
            return { id, fileName: file.fileName, contentType: file.contentType, size: file.bytes.length, sha256: createHash('sha256').update(file.bytes).digest('hex') };
          }
          fs.renameSync(file.path, dir.blob(id));
          return { id, fileName: file.fileName, contentType: file.contentType, size: file.size, sha256: file.sha256 };
        });
        const message = insertMessage(db, { id: randomUUID(), caseId, threadId, senderId, direction, body, receivedAt: at(offset), attachments: stored });
        db.prepare('UPDATE cases SET updated_at = ? WHERE id = ?').run(at(offset), caseId);
        appendEvent(db, caseId, at(offset), { type: 'message.created', message });
      };

      const replier = repId ?? taxpayerId;
      const docs = thread('Form 433-A (OIC): documents needed', employeeId, HOUR);
      send(docs, employeeId, 'outbound',
        'Thank you for your offer in compromise. To complete our review of your Form 433-A (OIC), please send:\n' +
        '- the three most recent monthly statements for every bank account;\n- your two most recent pay stubs;\n' +
        '- statements for any vehicle loans and proof of monthly living expenses.\n' +
        'Please reply through Secure Messaging within 14 days.', HOUR);
      send(docs, replier, 'inbound', 'Here are the documents you asked for. Please let me know if anything is missing.', 2 * DAY + 3 * HOUR, replies[i]);
      send(docs, employeeId, 'outbound', 'We received your documents and will contact you if we need anything else.', 3 * DAY);
      if (i % 2 === 0) {
        const status = thread('Status of your offer', replier, 6 * DAY);
        send(status, replier, 'inbound', 'Could you tell me where my offer stands and whether you need anything else?', 6 * DAY);
        send(status, employeeId, 'outbound', 'Your offer is under review. No further documents are needed at this time.', 7 * DAY + 2 * HOUR);
      }
    }
  })();
  await fsp.rm(large.path, { force: true }); // renamed into place above; nothing left if it was not
  return DEMO_CREDENTIALS;
}
