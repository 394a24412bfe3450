// The text of anything thrown. JavaScript lets code throw any value, so `(e as Error).message` can be undefined
// and `String(e)` can be "[object Object]"; this is the one place that decides.

/** An Error's message (its name when the message is empty), a string as it is, anything else as JSON. */
export function errorText(error: unknown): string {
  const text =
    error instanceof Error
      ? error.message || error.name
      : typeof error === 'string'
        ? error
        : JSON.stringify(error);
  return text ?? 'unknown error';
}
