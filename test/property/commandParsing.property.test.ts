import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { commandTypes } from '../../src/commands/catalogue.js';
import { validateCommand } from '../../src/commands/validate.js';
import { roles } from '../../src/events/values.js';

/** validateCommand is the boundary every caller's JSON crosses: it must never throw and must name what is wrong. */
describe('command parsing (property)', () => {
  it('never throws on arbitrary values, and a refusal always has a stable code and a message', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const result = validateCommand(input);
        if (E.isLeft(result)) {
          expect(['INVALID_COMMAND', 'UNKNOWN_COMMAND_TYPE']).toContain(result.left.code);
          expect(result.left.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('never throws on envelopes of every command type with arbitrary JSON data', () => {
    const envelope = fc.record({
      type: fc.constantFrom(...commandTypes),
      changeRequestId: fc.option(fc.string(), { nil: undefined }),
      actor: fc.record({ id: fc.string(), role: fc.oneof(fc.constantFrom(...roles), fc.string()) }),
      data: fc.jsonValue(),
    });
    fc.assert(
      fc.property(envelope, (input) => {
        const result = validateCommand(input);
        if (E.isLeft(result) && result.left.path !== undefined) {
          expect(result.left.path).toMatch(/^(type|changeRequestId|actor|data)(\.|$)/);
        }
      }),
      { numRuns: 2_000 },
    );
  });
});
