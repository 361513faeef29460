/**
 * The fax-like label every received item carries. It always comes from the server's receipt time and
 * is shown in Eastern Time, whatever the laptop's clock or time zone says.
 */
const ET_PARTS = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', hour12: true,
});

/** `04/21/2025 10:03 AM ET` for an ISO 8601 instant. */
export function formatEasternTime(isoInstant: string): string {
  const date = new Date(isoInstant);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not an ISO 8601 instant: ${isoInstant}`);
  const p = Object.fromEntries(ET_PARTS.formatToParts(date).map((x) => [x.type, x.value]));
  return `${p.month}/${p.day}/${p.year} ${p.hour}:${p.minute} ${String(p.dayPeriod).toUpperCase()} ET`;
}

export type LabelDirection = 'received' | 'sent';

/** Short, stable form of a server message id for labels: first 4 characters, upper case, then an ellipsis. */
export function shortMessageId(serverId: string): string {
  const compact = serverId.replace(/[^0-9a-z]/gi, '').toUpperCase();
  return compact.length > 4 ? `${compact.slice(0, 4)}…` : compact;
}

/** `RECEIVED 04/21/2025 10:03 AM ET · SECURE MESSAGING · MSG 7F3A…` */
export function faxLabel(direction: LabelDirection, serverTimeIso: string, serverId: string): string {
  return `${direction === 'received' ? 'RECEIVED' : 'SENT'} ${formatEasternTime(serverTimeIso)} · SECURE MESSAGING · MSG ${shortMessageId(serverId)}`;
}
