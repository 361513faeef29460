/**
 * The content type of a file on disk (one the employee picked), read from its first and last bytes
 * with the shared content sniffer, so an upload declares what the file is, not what its name says.
 */
import fs from 'node:fs/promises';
import { SNIFF_HEAD_BYTES, SNIFF_TAIL_BYTES, sniffContent, type SniffedContent } from '../../shared/content-type/sniff';

export async function sniffFile(filePath: string, fileName: string): Promise<SniffedContent> {
  const handle = await fs.open(filePath, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, SNIFF_HEAD_BYTES));
    const headRead = (await handle.read(head, 0, head.length, 0)).bytesRead;
    const tailLength = Math.min(size, SNIFF_TAIL_BYTES);
    const tail = Buffer.alloc(tailLength);
    const tailRead = (await handle.read(tail, 0, tailLength, size - tailLength)).bytesRead;
    return sniffContent(head.subarray(0, headRead), fileName, tail.subarray(0, tailRead));
  } finally {
    await handle.close();
  }
}
