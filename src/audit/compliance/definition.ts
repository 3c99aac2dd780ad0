import type { RuleContext, Verdict } from './rules.js';
import type { Framework } from './types.js';

/** One check of one control: what it requires (in words) and how the CR's events decide it. */
export interface CheckDefinition {
  readonly id: string;
  readonly framework: Framework;
  readonly control: string;
  readonly title: string;
  readonly description: string;
  readonly evaluate: (ctx: RuleContext) => Verdict;
}
