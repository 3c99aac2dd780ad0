import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../src/store/inMemoryEventStore.js';
import { actors } from '../../src/demo/actors.js';
import { countAll, draftCommand, leftOf, pipelineOn, rightOf } from '../support/pipeline.js';

describe('command validation at the boundary', () => {
  const refused = async (input: unknown) => {
    const store = createInMemoryEventStore();
    const { cm } = pipelineOn(store);
    const error = leftOf(await cm.execute(input));
    expect(await countAll(store)).toBe(0);
    return error;
  };

  it('refuses input that is not an object', async () => {
    const error = await refused('DraftChangeRequest');
    expect(error).toMatchObject({ kind: 'validation', code: 'INVALID_COMMAND' });
  });

  it('refuses an unknown command type, naming the field', async () => {
    const error = await refused({ type: 'DeleteEverything', actor: actors.johan, changeRequestId: 'x' });
    expect(error).toMatchObject({ code: 'UNKNOWN_COMMAND_TYPE', path: 'type' });
  });

  it('refuses an actor without a role', async () => {
    const error = await refused({ ...draftCommand(), actor: { id: 'johan' } });
    expect(error).toMatchObject({ code: 'INVALID_COMMAND', path: 'actor.role' });
  });

  it('refuses an unknown role', async () => {
    const error = await refused({ ...draftCommand(), actor: { id: 'x', role: 'janitor' } });
    expect(error).toMatchObject({ code: 'INVALID_COMMAND', path: 'actor.role' });
  });

  it('refuses a draft without affected modules, naming data.affectedModules', async () => {
    const base = draftCommand();
    const error = await refused({ ...base, data: { ...(base.data as object), affectedModules: [] } });
    expect(error).toMatchObject({ code: 'INVALID_COMMAND', path: 'data.affectedModules' });
  });

  it('refuses a risk with a likelihood outside the scale, naming its path', async () => {
    const error = await refused({
      type: 'RecordRiskAssessment',
      changeRequestId: 'cr1',
      actor: actors.foreman,
      data: { risks: [{ riskId: 'R1', description: 'x', category: 'technical', likelihood: 'often', impact: 'minor', treatment: 'accept' }] },
    });
    expect(error).toMatchObject({ code: 'INVALID_COMMAND', path: 'data.risks.0.likelihood' });
  });

  it('refuses test results whose counts do not add up', async () => {
    const error = await refused({
      type: 'RecordTestResults',
      changeRequestId: 'cr1',
      actor: actors.qa,
      data: {
        results: {
          existingTests: { total: 10, passed: 9, failed: 0, skipped: 0 },
          newTests: { required: 0, created: 0, passed: 0, failed: 0 },
          coverage: { before: 1, after: 1 },
          performance: { baselineResponseTimeMs: 1, afterChangeResponseTimeMs: 1 },
        },
      },
    });
    expect(error).toMatchObject({ code: 'INVALID_COMMAND', path: 'data.results.existingTests.total' });
  });

  it('refuses a command other than a draft without a changeRequestId', async () => {
    const error = await refused({ type: 'SubmitChangeRequest', actor: actors.foreman });
    expect(error).toMatchObject({ code: 'INVALID_COMMAND', path: 'changeRequestId' });
  });

  it('refuses a caller-supplied CR number on submission (numbers are allocated)', async () => {
    const error = await refused({ type: 'SubmitChangeRequest', changeRequestId: 'cr1', actor: actors.foreman, data: { number: 'CR-2025-999' } });
    expect(error).toMatchObject({ code: 'INVALID_COMMAND' });
  });

  it('refuses a malformed timestamp', async () => {
    const error = await refused({
      type: 'ScheduleChangeRequest',
      changeRequestId: 'cr1',
      actor: actors.johan,
      data: { window: { start: 'tomorrow', end: '2025-12-05T18:00:00Z' }, testEnvironment: 't' },
    });
    expect(error).toMatchObject({ code: 'INVALID_COMMAND', path: 'data.window.start' });
  });

  it('reports a command on a CR that does not exist as CHANGE_REQUEST_NOT_FOUND and appends nothing', async () => {
    const error = await refused({ type: 'SubmitChangeRequest', changeRequestId: 'nope', actor: actors.foreman });
    expect(error).toMatchObject({ kind: 'domain', code: 'CHANGE_REQUEST_NOT_FOUND', path: 'changeRequestId' });
  });

  it('accepts a valid draft and fills defaults', async () => {
    const { cm } = pipelineOn(createInMemoryEventStore());
    const result = rightOf(await cm.execute(draftCommand()));
    expect(result.events.map((e) => e.type)).toEqual(['ChangeRequestDrafted']);
    expect(result.state.stakeholders).toEqual([]);
    expect(result.state.crType).toBe('manual');
  });
});
