/**
 * What a test child process printed on stderr that is not a Node warning. Warnings (an experimental
 * flag, a deprecation in a dependency, NODE_OPTIONS set by the machine) say nothing about the code
 * under test, so they must not fail it; anything else on stderr does.
 */
const WARNING_LINE = [/^\(node:\d+\)/, /^Warning\b/, /^\(Use `node --trace-/];

export function stderrWithoutWarnings(stderr: string): string[] {
  return stderr.split(/\r?\n/).filter((line) => line.trim() !== '' && !WARNING_LINE.some((re) => re.test(line)));
}

/** The environment for a test child: Node's own warnings off (some span several lines), the rest inherited. */
export function childEnv(): NodeJS.ProcessEnv {
  return { ...process.env, NODE_NO_WARNINGS: '1' };
}
