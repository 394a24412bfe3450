// Turns a failed durable task into a value, so a scenario can record the failure and carry on to cleanup.
import type { Task } from 'durable-functions';
import { errorMessage } from './outcome';

export type Attempt<T> = { ok: true; value: T } | { ok: false; error: string };

export function* attempt<T>(work: Generator<Task, T, any>): Generator<Task, Attempt<T>, any> {
  try {
    return { ok: true, value: yield* work };
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
  }
}
