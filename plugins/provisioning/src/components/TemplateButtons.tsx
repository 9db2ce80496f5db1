import { Link as RouterLink } from 'react-router-dom';
import Button, { ButtonProps } from '@mui/material/Button';
import Stack from '@mui/material/Stack';

/** The scaffolder templates that start provisioning. */
export const REQUEST_DOMAIN_TEMPLATE_PATH =
  '/create/templates/default/request-data-domain';
export const LEASE_SANDBOX_TEMPLATE_PATH =
  '/create/templates/default/lease-innovation-sandbox';

export function RequestDomainButton(props: {
  variant?: ButtonProps['variant'];
}) {
  return (
    <Button
      component={RouterLink}
      to={REQUEST_DOMAIN_TEMPLATE_PATH}
      variant={props.variant ?? 'contained'}
      size="small"
    >
      Request a data domain
    </Button>
  );
}

export function LeaseSandboxButton(props: {
  variant?: ButtonProps['variant'];
}) {
  return (
    <Button
      component={RouterLink}
      to={LEASE_SANDBOX_TEMPLATE_PATH}
      variant={props.variant ?? 'contained'}
      size="small"
    >
      Lease an innovation sandbox
    </Button>
  );
}

/** Both templates, in the header of every provisioning page. */
export function ProvisioningHeaderActions() {
  return (
    <Stack direction="row" spacing={1}>
      <RequestDomainButton variant="outlined" />
      <LeaseSandboxButton variant="outlined" />
    </Stack>
  );
}
