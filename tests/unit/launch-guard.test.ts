import { describe, expect, it } from 'vitest';
import { findForbiddenSwitches } from '../../electron/security/launch-guard';

describe('launch guard', () => {
  it('finds debugger switches in any spelling Chromium and Node accept', () => {
    expect(findForbiddenSwitches(['app', '--remote-debugging-port=9222'])).toEqual(['remote-debugging-port']);
    expect(findForbiddenSwitches(['app', '--inspect'])).toEqual(['inspect']);
    expect(findForbiddenSwitches(['app', '--inspect-brk=0.0.0.0:9229', '--REMOTE-DEBUGGING-PIPE'])).toEqual(['inspect-brk', 'remote-debugging-pipe']);
    expect(findForbiddenSwitches(['app', '-inspect'])).toEqual(['inspect']);
  });

  it('leaves ordinary arguments alone', () => {
    expect(findForbiddenSwitches(['app', '--lang=en-US', 'inspect', '--no-sandbox-please', '--inspection-report'])).toEqual([]);
  });
});
