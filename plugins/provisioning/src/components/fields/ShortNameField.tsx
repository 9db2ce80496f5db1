import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  domainResourceNames,
  sandboxResourceNames,
  SHORT_NAME_RULE,
} from '@dataplatform/plugin-provisioning-common';
import {
  problemText,
  shortNameProblems,
  ShortNameKind,
} from './nameValidation';

const PLACEHOLDER = '<name>';

/** The Azure names a short name turns into, so people see what they are choosing. */
export function derivedNamesText(kind: ShortNameKind, name: string): string {
  const shown = name || PLACEHOLDER;
  if (kind === 'domain') {
    const names = domainResourceNames(shown);
    return `Subscription alias ${names.aliasName}, Log Analytics workspace ${names.workspaceName}`;
  }
  const names = sandboxResourceNames(shown);
  return `Subscription alias ${names.aliasName}, catalog resource ${names.entityName}`;
}

/**
 * A short-name input: lowercases as people type, shows the Azure names the
 * name becomes and breaks of the naming rule at once; whether the name is
 * free is checked by the field's validation when the step is submitted.
 */
export function ShortNameField(
  props: FieldExtensionComponentProps<string> & { kind: ShortNameKind },
) {
  const {
    kind,
    onChange,
    formData,
    required,
    disabled,
    readonly,
    rawErrors,
    schema,
    idSchema,
    uiSchema,
  } = props;
  const value = formData ?? '';
  const problem = value ? shortNameProblems(kind, value)[0] : undefined;
  const title =
    schema.title ?? (kind === 'domain' ? 'Domain name' : 'Sandbox name');
  const description =
    uiSchema?.['ui:description'] ?? schema.description ?? SHORT_NAME_RULE;

  return (
    <TextField
      id={idSchema?.$id}
      label={title}
      value={value}
      required={required}
      disabled={disabled || readonly}
      onChange={event => {
        const next = event.target.value.toLocaleLowerCase('en');
        onChange(next === '' ? undefined : next);
      }}
      error={!!problem || (rawErrors?.length ?? 0) > 0}
      helperText={
        <>
          <Typography component="span" variant="caption" display="block">
            {problem ? problemText(problem) : description}
          </Typography>
          <Typography component="span" variant="caption" display="block">
            {derivedNamesText(kind, problem ? '' : value)}
          </Typography>
        </>
      }
      inputProps={{ spellCheck: false, autoCapitalize: 'none' }}
      margin="normal"
      fullWidth
    />
  );
}
