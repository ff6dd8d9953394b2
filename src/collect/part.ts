import type { CollectionProblem } from '../core/snapshot.js';

/** Runs one part of a collection within its time limit: its result, or null with the failure recorded as a problem. */
export type Part = <T>(source: CollectionProblem['source'], what: string, run: () => Promise<T>) => Promise<T | null>;
