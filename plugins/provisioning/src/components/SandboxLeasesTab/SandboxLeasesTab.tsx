import { useCallback, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Container } from '@backstage/ui';
import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import { SandboxLease } from '@dataplatform/plugin-provisioning-common';
import { useNow } from '@dataplatform/portal-react';
import { provisioningApiRef } from '../../api';
import { formatDate } from '../../lib/format';
import { LeaseSandboxButton } from '../TemplateButtons';
import { SandboxLeasesTable } from './SandboxLeasesTable';

/** The "Sandbox leases" tab. */
export function SandboxLeasesTab() {
  const api = useApi(provisioningApiRef);
  const now = useNow(60_000);
  const { value, loading, error } = useAsync(
    () => api.listSandboxLeases(),
    [api],
  );
  // Leases extended on this page, as the backend returned them.
  const [extended, setExtended] = useState<Record<string, SandboxLease>>({});
  const [lastExtended, setLastExtended] = useState<SandboxLease>();
  const onExtended = useCallback((lease: SandboxLease) => {
    setExtended(current => ({ ...current, [lease.id]: lease }));
    setLastExtended(lease);
  }, []);

  let content: JSX.Element;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = (
      <ResponseErrorPanel
        title="Could not load the sandbox leases"
        error={error}
      />
    );
  } else if (!value || value.length === 0) {
    content = (
      <EmptyState
        missing="data"
        title="No sandbox leases yet"
        description="An innovation sandbox is a short-lived, capped subscription for trying things out, approved automatically within policy."
        action={<LeaseSandboxButton />}
      />
    );
  } else {
    content = (
      <Stack spacing={2}>
        <div aria-live="polite">
          {lastExtended && (
            <Alert severity="success">
              {lastExtended.input.name} now ends on{' '}
              {formatDate(lastExtended.expiresAt)}.
            </Alert>
          )}
        </div>
        <SandboxLeasesTable
          leases={value.map(lease => extended[lease.id] ?? lease)}
          now={now}
          onExtended={onExtended}
        />
      </Stack>
    );
  }
  return <Container my="4">{content}</Container>;
}
