import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Api from '../../src/index.js';

/**
 * The published package as consumers see it: the built dist/ through the
 * `exports` map, type-checked with NodeNext and with bundler resolution, and
 * imported at run time by name. `npm test` builds dist/ before running this.
 */
const root = resolve(import.meta.dirname, '../..');
const consumer = `
import { createChangeManagement, createInMemoryEventStore, riskLevel, type CommandResult } from '@maturion/change-management';
const cm = createChangeManagement({ store: createInMemoryEventStore() });
const level: 'low' | 'medium' | 'high' | 'critical' = riskLevel('likely', 'minor');
export const check = async (): Promise<CommandResult | string> => {
  const r = await cm.execute({ type: 'SubmitChangeRequest', changeRequestId: 'x', actor: { id: 'a', role: 'foreman' } });
  return r._tag === 'Right' ? r.right : r.left.code + level;
};
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cm-consumer-'));
  mkdirSync(join(dir, 'node_modules', '@maturion'), { recursive: true });
  symlinkSync(root, join(dir, 'node_modules', '@maturion', 'change-management'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  writeFileSync(join(dir, 'consumer.ts'), consumer);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const typeErrors = (options: ts.CompilerOptions): string[] => {
  const program = ts.createProgram([join(dir, 'consumer.ts')], { strict: true, noEmit: true, skipLibCheck: true, types: [], target: ts.ScriptTarget.ES2022, ...options });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
};

describe('the built package', () => {
  it('has been built (npm test runs the build first)', () => {
    expect(existsSync(join(root, 'dist', 'index.js')) && existsSync(join(root, 'dist', 'index.d.ts'))).toBe(true);
  });

  it('type-checks for a consumer using NodeNext resolution', () => {
    expect(typeErrors({ module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext })).toEqual([]);
  });

  it('type-checks for a consumer using bundler resolution', () => {
    expect(typeErrors({ module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler })).toEqual([]);
  });

  it('imports at run time by package name and runs a command', async () => {
    // Resolved at run time only: type-checking must not depend on a built dist/.
    const packageName = '@maturion/change-management';
    const pkg = (await import(packageName)) as typeof Api;
    const cm = pkg.createChangeManagement({ store: pkg.createInMemoryEventStore() });
    const result = await cm.execute({ type: 'SubmitChangeRequest', changeRequestId: 'missing', actor: { id: 'a', role: 'foreman' } });
    expect(result._tag === 'Left' && result.left.code).toBe('CHANGE_REQUEST_NOT_FOUND');
  });
});
