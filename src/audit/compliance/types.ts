import type { EventType } from '../../events/catalogue.js';

export type ComplianceStatus = 'passed' | 'failed' | 'not_applicable';

export type Framework = 'ISO/IEC 27001:2022' | 'COBIT 2019' | 'NIST SP 800-53 Rev. 5';

/** An event that proves (or disproves) a check: its place in the CR's stream and in the store's global order. */
export interface EvidenceRef {
  readonly revision: number;
  readonly position: number;
  readonly type: EventType;
  readonly occurredAt: string;
}

export interface ComplianceCheckResult {
  /** Stable identifier, e.g. `nist.cm_3.2`. */
  readonly id: string;
  readonly framework: Framework;
  /** The control as the framework numbers it, e.g. `CM-3(2)` or `BAI06.01`. */
  readonly control: string;
  readonly title: string;
  /** What the check requires of the CR's events. */
  readonly description: string;
  readonly status: ComplianceStatus;
  /** Why this status, in a sentence. */
  readonly reason: string;
  readonly evidence: readonly EvidenceRef[];
}

export interface ComplianceEvidence {
  readonly changeRequestId: string;
  readonly streamName: string;
  readonly number?: string;
  readonly crType?: 'manual' | 'ai_generated' | 'emergency';
  /** The instant deadlines were judged against. */
  readonly asOf: string;
  readonly checks: readonly ComplianceCheckResult[];
  readonly summary: { readonly passed: number; readonly failed: number; readonly not_applicable: number };
}
