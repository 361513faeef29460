/**
 * Why an Office document could not be converted (a zip bomb, a damaged file, not the kind of document
 * it claims to be). `message` is a sentence for the employee; preview and print show it as it is.
 */
export class DocumentRefusedError extends Error {
  override readonly name = 'DocumentRefusedError';
}
