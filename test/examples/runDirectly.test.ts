import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it, vi } from 'vitest';

const run = promisify(execFile);
const examples = [
  { file: 'full-lifecycle', number: 'CR-2025-001', outcome: 'success' },
  { file: 'emergency-change', number: 'CR-2025-001', outcome: 'success' },
  { file: 'rollback', number: 'CR-2025-001', outcome: 'rolled_back' },
  { file: 'ai-change-request', number: 'AI-CR-2025-001', outcome: 'success' },
];

describe.each(examples)('examples/$file.ts', ({ file, number, outcome }) => {
  it('given one command, when run directly, then it prints its steps and the final CR and exits 0', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', `examples/${file}.ts`], { cwd: process.cwd() });
    expect(stdout).toMatch(new RegExp(`^Change request ${number}: `, 'm'));
    expect(stdout).toMatch(new RegExp(`^\\s+outcome\\s+${outcome}$`, 'm'));
    expect(stdout).toMatch(/^\s+1\. (ok\s|REFUSED) /m);
  });

  it('when imported, does not run itself', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const module = (await import(`../../examples/${file}.ts`)) as { main: unknown };
      expect(typeof module.main).toBe('function');
      expect(log).not.toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
  });
});
