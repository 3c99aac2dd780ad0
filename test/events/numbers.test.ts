import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatChangeRequestNumber, parseChangeRequestNumber } from '../../src/events/streams.js';

describe('CR numbers', () => {
  it('pad to three digits and widen past 999', () => {
    expect(formatChangeRequestNumber('CR', 2025, 1)).toBe('CR-2025-001');
    expect(formatChangeRequestNumber('AI-CR', 2025, 45)).toBe('AI-CR-2025-045');
    expect(formatChangeRequestNumber('CR', 2025, 999)).toBe('CR-2025-999');
    expect(formatChangeRequestNumber('CR', 2025, 1000)).toBe('CR-2025-1000');
  });

  it('parse back to prefix, year and sequence', () => {
    expect(parseChangeRequestNumber('AI-CR-2025-045')).toEqual({ prefix: 'AI-CR', year: 2025, sequence: 45 });
    expect(parseChangeRequestNumber('CR-2026-1234')).toEqual({ prefix: 'CR', year: 2026, sequence: 1234 });
  });

  it.each(['CR-2025-01', 'CR-25-001', 'cr-2025-001', 'XX-CR-2025-001', 'CR-2025-000', 'CR-2025-001 ', 'CR-2025-0001', ''])('refuse %j', (text) => {
    expect(parseChangeRequestNumber(text)).toBeUndefined();
  });

  it('round-trip for every prefix, year and sequence', () => {
    fc.assert(
      fc.property(fc.constantFrom('CR' as const, 'AI-CR' as const), fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 10_000_000 }), (prefix, year, sequence) => {
        expect(parseChangeRequestNumber(formatChangeRequestNumber(prefix, year, sequence))).toEqual({ prefix, year, sequence });
      }),
    );
  });

  it('never throw on arbitrary text, and accept only the canonical spelling', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const parsed = parseChangeRequestNumber(text);
        if (parsed !== undefined) expect(formatChangeRequestNumber(parsed.prefix, parsed.year, parsed.sequence)).toBe(text);
      }),
    );
  });
});
