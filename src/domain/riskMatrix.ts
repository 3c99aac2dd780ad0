import type { Level, Likelihood, Severity } from '../events/values.js';
import { highestLevel } from './levels.js';

/** The ISO 31000 risk matrix of spec 5.2: likelihood (rows) by impact (columns). */
export const riskMatrix: { readonly [L in Likelihood]: { readonly [S in Severity]: Level } } = {
  almost_certain: { negligible: 'medium', minor: 'high', moderate: 'high', major: 'critical', catastrophic: 'critical' },
  likely: { negligible: 'low', minor: 'medium', moderate: 'high', major: 'high', catastrophic: 'critical' },
  possible: { negligible: 'low', minor: 'low', moderate: 'medium', major: 'high', catastrophic: 'high' },
  unlikely: { negligible: 'low', minor: 'low', moderate: 'medium', major: 'medium', catastrophic: 'high' },
  rare: { negligible: 'low', minor: 'low', moderate: 'low', major: 'medium', catastrophic: 'medium' },
};

export const riskLevel = (likelihood: Likelihood, impact: Severity): Level => riskMatrix[likelihood][impact];

/** The overall risk of a change is its highest single risk. */
export const overallRiskLevel = (risks: readonly { readonly likelihood: Likelihood; readonly impact: Severity }[]): Level =>
  highestLevel(risks.map((r) => riskLevel(r.likelihood, r.impact)));
