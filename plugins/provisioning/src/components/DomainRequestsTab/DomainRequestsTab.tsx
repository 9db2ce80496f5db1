import { Route, Routes } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { Container } from '@backstage/ui';
import { DomainRequest } from '@dataplatform/plugin-provisioning-common';
import { useNow } from '@dataplatform/portal-react';
import { provisioningApiRef } from '../../api';
import { domainRequestRouteRef } from '../../routes';
import { DomainRequestPage } from '../DomainRequestPage';
import { RequestDomainButton } from '../TemplateButtons';
import { DomainRequestsTable } from './DomainRequestsTable';

/** The list of domain requests. */
export function DomainRequestsList() {
  const api = useApi(provisioningApiRef);
  const now = useNow(60_000);
  const requestLink = useRouteRef(domainRequestRouteRef);
  const { value, loading, error } = useAsync(
    () => api.listDomainRequests(),
    [api],
  );
  // Relative to this tab when the route is not bound, e.g. in a dev app.
  const hrefOf = (request: DomainRequest) =>
    requestLink
      ? requestLink({ id: request.id })
      : encodeURIComponent(request.id);

  let content: JSX.Element;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = (
      <ResponseErrorPanel
        title="Could not load the domain requests"
        error={error}
      />
    );
  } else if (!value || value.length === 0) {
    content = (
      <EmptyState
        missing="data"
        title="No domain requests yet"
        description="A domain owner asks for a data domain with the template; the platform team approves it here."
        action={<RequestDomainButton />}
      />
    );
  } else {
    content = (
      <DomainRequestsTable requests={value} now={now} hrefOf={hrefOf} />
    );
  }
  return <Container my="4">{content}</Container>;
}

/** The "Domain requests" tab: the list, and one request below it. */
export function DomainRequestsTab() {
  return (
    <Routes>
      <Route index element={<DomainRequestsList />} />
      <Route path=":id" element={<DomainRequestPage />} />
    </Routes>
  );
}
