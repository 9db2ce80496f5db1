import { z } from 'zod';
import { ArmError } from './errors';

/** Parses a request body, answering ARM's InvalidRequestContent naming the first bad field. */
export function parseBody<T extends z.ZodTypeAny>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.join('.') || '(body)';
  throw new ArmError(
    400,
    'InvalidRequestContent',
    `The request content was invalid: '${field}': ${issue.message}.`,
  );
}
