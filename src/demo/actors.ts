import type { Actor } from '../events/values.js';

/** The cast of the demo scenarios: the spec's roles with readable ids. */
export const actors = {
  foreman: { id: 'maturion-foreman', role: 'foreman' },
  johan: { id: 'johan', role: 'change_manager' },
  builder: { id: 'builder-wrac', role: 'builder' },
  qa: { id: 'qa-builder', role: 'qa_builder' },
  stakeholder: { id: 'wrac-product-owner', role: 'stakeholder' },
  executive: { id: 'ciso', role: 'executive' },
} as const satisfies Record<string, Actor>;
