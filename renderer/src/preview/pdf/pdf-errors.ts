/** What the employee reads when pdf.js cannot open or draw a file. */
export function pdfErrorMessage(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException') {
    return 'This PDF is protected by a password, so it cannot be shown here. Ask the taxpayer to send it without a password.';
  }
  if (name === 'InvalidPDFException') {
    return 'This file is damaged or is not really a PDF, so it cannot be shown. Save it to the SBU folder to try another program, or ask the taxpayer to send it again.';
  }
  return 'This PDF could not be shown: it may be damaged. Save it to the SBU folder to try another program, or ask the taxpayer to send it again.';
}
