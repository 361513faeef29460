import type { AppErrorData } from '../../../shared/errors';

/** A typed error shown with its code, so a support call can quote it. */
export function ErrorNotice({ error }: { error: AppErrorData }) {
  return (
    <div className="error-notice" role="alert">
      <strong>{error.message}</strong> <code>{error.code}</code>
    </div>
  );
}
