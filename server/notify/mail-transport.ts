/**
 * Where notification e-mails go. The default writes RFC 5322 `.eml` files into <data>/outbox; a
 * deployment with SMTP passes its own transport (a plain function) to startServer.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export interface OutboundMail { to: string; subject: string; text: string }
export type MailTransport = (mail: OutboundMail) => Promise<void>;

const FROM = 'Secure Messaging <no-reply@secure-messaging.invalid>';

export function emlOutbox(outboxDir: string): MailTransport {
  return async (mail) => {
    const id = randomUUID();
    const eml = [
      `From: ${FROM}`, `To: ${mail.to}`, `Subject: ${mail.subject}`, `Date: ${new Date().toUTCString()}`,
      `Message-ID: <${id}@secure-messaging.invalid>`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit', '', mail.text.replace(/\r?\n/g, '\r\n'), '',
    ].join('\r\n');
    // Written under a temporary name and renamed, so a reader of the outbox never sees half a mail.
    const final = path.join(outboxDir, `${Date.now()}-${id}.eml`);
    await fs.writeFile(`${final}.tmp`, eml);
    await fs.rename(`${final}.tmp`, final);
  };
}
