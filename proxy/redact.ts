// Scrubs key values out of text that leaves the server (error messages, log lines): the last line of defence.

export type Redact = (text: string) => string;

/** Values shorter than 4 characters are too likely to appear by chance to be worth scrubbing. */
export function redactor(secrets: (string | undefined)[]): Redact {
  const values = [...new Set(secrets.filter((value): value is string => !!value && value.length >= 4))];
  return (text) => values.reduce((out, value) => out.split(value).join('[redacted]'), text);
}
