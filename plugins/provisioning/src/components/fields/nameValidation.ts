import {
  ApiHolder,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import {
  FieldProblem,
  validateDomainRequestInput,
  validateSandboxLeaseInput,
} from '@dataplatform/plugin-provisioning-common';
import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { reasonOf } from '@dataplatform/portal-react';
import { NameAvailability, ProvisioningClient } from '../../api';
import { capitalize } from '../../lib/format';

export type ShortNameKind = 'domain' | 'sandbox';

type FieldValidation = Parameters<CustomFieldValidator<string>>[1];

/**
 * The format and reserved-name problems of a short name: the same check the
 * backend and the scaffolder actions run, so the messages match theirs.
 */
export function shortNameProblems(
  kind: ShortNameKind,
  name: string,
): FieldProblem[] {
  const problems =
    kind === 'domain'
      ? validateDomainRequestInput({ name })
      : validateSandboxLeaseInput({ name });
  return problems.filter(problem => problem.field === 'name');
}

/** "Name: …" so the message names the field wherever it is shown. */
export function problemText(problem: FieldProblem): string {
  return `${capitalize(problem.field)} ${problem.message}`;
}

function clientFrom(apiHolder: ApiHolder): ProvisioningClient {
  const discoveryApi = apiHolder.get(discoveryApiRef);
  const fetchApi = apiHolder.get(fetchApiRef);
  if (!discoveryApi || !fetchApi) {
    throw new Error(
      'the discovery and fetch APIs are missing from the app, so the name cannot be checked',
    );
  }
  return new ProvisioningClient({ discoveryApi, fetchApi });
}

/**
 * Validates a short name in the template form: the pure rule first, then
 * whether the backend knows it as taken (catalog, open requests or leases,
 * Azure aliases). A failed check is reported too: the name was not checked
 * and the request would be refused later with a less helpful message.
 */
export async function validateShortName(
  kind: ShortNameKind,
  value: string | undefined,
  validation: FieldValidation,
  apiHolder: ApiHolder,
): Promise<void> {
  const name = value ?? '';
  const pure = shortNameProblems(kind, name);
  if (pure.length > 0) {
    pure.forEach(problem => validation.addError(problemText(problem)));
    return;
  }
  let availability: NameAvailability;
  try {
    const client = clientFrom(apiHolder);
    availability =
      kind === 'domain'
        ? await client.domainNameAvailability(name)
        : await client.sandboxNameAvailability(name);
  } catch (error) {
    validation.addError(
      `Name "${name}" could not be checked against the catalog and Azure: ${reasonOf(
        error,
      )}. Try again in a moment.`,
    );
    return;
  }
  const problems = availability.problems.filter(p => p.field === 'name');
  problems.forEach(problem => validation.addError(problemText(problem)));
  if (!availability.available && problems.length === 0) {
    validation.addError(`Name "${name}" is already taken; choose another one`);
  }
}
