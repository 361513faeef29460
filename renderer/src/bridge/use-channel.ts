/** Loads one bridge call into React state: loading, the value, or the typed error. */
import { useCallback, useEffect, useState } from 'react';
import type { AppErrorData, Result } from '../../../shared/errors';

export type ChannelState<T> =
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'error'; error: AppErrorData };

export function useChannel<T>(call: () => Promise<Result<T>>): [ChannelState<T>, (value: T) => void] {
  const [state, setState] = useState<ChannelState<T>>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    void call().then((result) => {
      if (!live) return;
      setState(result.ok ? { status: 'ready', value: result.value } : { status: 'error', error: result.error });
    });
    return () => { live = false; };
    // The call is fixed for the component's lifetime.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const set = useCallback((value: T) => setState({ status: 'ready', value }), []);
  return [state, set];
}
