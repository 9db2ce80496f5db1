/** An error answered in Azure Resource Manager's shape: `{ error: { code, message } }`. */
export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ArmError';
  }

  toBody() {
    return { error: { code: this.code, message: this.message } };
  }
}
