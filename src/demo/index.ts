/**
 * Worked scenarios of the change-control lifecycle, each on its own manual
 * clock against any event store. The examples in examples/ print them.
 */
export { runFullLifecycle } from './fullLifecycle.js';
export { runEmergencyChange } from './emergencyChange.js';
export { runRollback } from './rollback.js';
export { runAiChangeRequest } from './aiChangeRequest.js';
export { createScenarioRunner, ScenarioFailed, type ScenarioOptions, type ScenarioStep } from './runner.js';
export { actors } from './actors.js';
export { createManualClock, type ManualClock } from './manualClock.js';
