import Box from '@mui/material/Box';
import type { ContractError } from '@dataplatform/plugin-data-contracts-common';

/** Errors as `path — message`, the path being where to look in the YAML. */
export function ContractErrorList(props: {
  errors: ContractError[];
  label?: string;
}) {
  return (
    <Box
      component="ul"
      aria-label={props.label ?? 'Contract errors'}
      sx={{ m: 0, pl: 2.5, '& li + li': { mt: 0.5 } }}
    >
      {props.errors.map((error, index) => (
        <li key={`${error.path}-${index}`}>
          <Box
            component="code"
            sx={{
              fontFamily: 'monospace',
              fontWeight: 600,
              wordBreak: 'break-all',
            }}
          >
            {error.path}
          </Box>
          {' — '}
          {error.message}
        </li>
      ))}
    </Box>
  );
}

/**
 * The errors about one element of the document: those at its pointer or
 * below, except those inside the listed child collections (`properties`,
 * `quality`…), whose elements show their own.
 */
export function errorsAt(
  errors: ContractError[],
  pointer: string,
  nested: string[] = [],
): ContractError[] {
  return errors.filter(
    error =>
      (error.path === pointer || error.path.startsWith(`${pointer}/`)) &&
      !nested.some(inner => error.path.startsWith(`${pointer}/${inner}/`)),
  );
}
