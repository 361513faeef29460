/**
 * TINs are shown masked (***-**-4321) everywhere. Taxpayers also write them into their own file names
 * ("Form 433-A 987-65-4321.pdf"); those names are shown, exported and printed with every long run of
 * digits masked: SSNs, EINs, offer and account numbers.
 */

/** Runs of 7+ digits, optionally split by dashes or spaces. */
const LONG_NUMBER = /\d(?:[\s-]?\d){6,}/g;

export function maskNumbers(text: string): string {
  return text.replace(LONG_NUMBER, (run) => run.replace(/\d/g, 'X'));
}
