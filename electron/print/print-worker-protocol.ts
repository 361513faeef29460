/** Messages between the print worker host (main process) and the worker thread, validated both ways. */
import { z } from 'zod';
import { AppErrorDataSchema } from '../../shared/errors';
import { PrintPackageResultSchema, PrintProgressSchema } from './print-result';
import { PrintSetDataSchema } from './print-set';

export const WorkerRequestSchema = z.discriminatedUnion('type', [
  // Options are validated by the builder itself (with its own error code).
  z.object({ type: z.literal('build'), set: PrintSetDataSchema, options: z.record(z.string(), z.unknown()) }),
  z.object({ type: z.literal('cancel') }),
]);

export const WorkerReplySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), progress: PrintProgressSchema }),
  z.object({ type: z.literal('done'), result: PrintPackageResultSchema }),
  z.object({ type: z.literal('failed'), error: AppErrorDataSchema }),
]);

export type WorkerRequest = z.infer<typeof WorkerRequestSchema>;
export type WorkerReply = z.infer<typeof WorkerReplySchema>;
