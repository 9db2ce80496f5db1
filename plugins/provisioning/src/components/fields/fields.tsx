import {
  CustomFieldValidator,
  makeFieldSchema,
} from '@backstage/plugin-scaffolder-react';
import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { validateShortName } from './nameValidation';
import { ShortNameField } from './ShortNameField';

const ShortNameFieldSchema = makeFieldSchema({
  output: z => z.string(),
});

type ShortNameProps = typeof ShortNameFieldSchema.TProps;

export const validateDomainName: CustomFieldValidator<string> = (
  value,
  validation,
  { apiHolder },
) => validateShortName('domain', value, validation, apiHolder);

export const validateSandboxName: CustomFieldValidator<string> = (
  value,
  validation,
  { apiHolder },
) => validateShortName('sandbox', value, validation, apiHolder);

export function DomainNameInput(props: ShortNameProps) {
  return <ShortNameField {...props} kind="domain" />;
}

export function SandboxNameInput(props: ShortNameProps) {
  return <ShortNameField {...props} kind="sandbox" />;
}

/** `ui:field: DomainName` — a data domain's short name, checked for collisions. */
export const DomainNameFormField = createFormField({
  name: 'DomainName',
  component: DomainNameInput,
  validation: validateDomainName,
  schema: ShortNameFieldSchema,
});

/** `ui:field: SandboxName` — an innovation sandbox's short name, checked for collisions. */
export const SandboxNameFormField = createFormField({
  name: 'SandboxName',
  component: SandboxNameInput,
  validation: validateSandboxName,
  schema: ShortNameFieldSchema,
});
