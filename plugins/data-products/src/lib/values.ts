/**
 * Readers for values of unknown shape. Contracts are shown even when they do
 * not validate and entities may predate the kind's processor, so every field
 * is read as if it could be anything.
 */

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A scalar as text; anything else (objects, lists, null) as undefined. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value.trim() === '' ? undefined : value;
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  if (typeof value === 'boolean') {
    return value ? 'true' : 'false';
  }
  return undefined;
}

export function records(value: unknown): JsonRecord[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

export function texts(value: unknown): string[] {
  if (!Array.isArray(value)) {
    const single = text(value);
    return single === undefined ? [] : [single];
  }
  return value.map(text).filter((v): v is string => v !== undefined);
}

export function flag(value: unknown): boolean {
  return value === true || value === 'true';
}

/** Any value as one line a person can read; undefined when there is nothing. */
export function display(value: unknown): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const scalar = text(value);
  if (scalar !== undefined) {
    return scalar;
  }
  if (Array.isArray(value)) {
    const parts = value
      .map(display)
      .filter((v): v is string => v !== undefined);
    return parts.length ? parts.join(', ') : undefined;
  }
  if (isRecord(value)) {
    const parts = Object.entries(value)
      .map(([key, v]) => {
        const shown = display(v);
        return shown === undefined ? undefined : `${key}: ${shown}`;
      })
      .filter((v): v is string => v !== undefined);
    return parts.length ? parts.join('; ') : undefined;
  }
  return undefined;
}

export function plural(count: number, one: string, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}

/** `nullValues` → `null values`, `timeOfAvailability` → `time of availability`. */
export function words(identifier: string): string {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLocaleLowerCase('en');
}

export function capitalize(value: string): string {
  return value ? value[0].toLocaleUpperCase('en') + value.slice(1) : value;
}
