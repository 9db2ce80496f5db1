/**
 * Bad input to a cost rule: `field` names what was wrong (a query parameter,
 * an option, an input property) and the message says what is allowed, so the
 * backend can answer 400 with it unchanged.
 */
export class CostInputError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = 'CostInputError';
    this.field = field;
  }
}
