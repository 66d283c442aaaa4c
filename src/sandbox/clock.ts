/** Milliseconds since the epoch; injectable so tests can expire codes without waiting. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();
