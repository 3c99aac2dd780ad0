import type { ChangeLog, ChangeRegister, Metrics } from '../../src/index.js';

/** The shape the README's projections example leaves behind, for the test that runs it. */
export declare const register: ChangeRegister;
export declare const changeLog: ChangeLog;
export declare const metrics: Metrics;
