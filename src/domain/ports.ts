/** Injected sources of time and identity: the domain never reads a clock or draws randomness itself. */
export type Clock = () => Date;
export type IdGenerator = () => string;
