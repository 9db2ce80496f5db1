import { Link as RouterLink, Navigate } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Alert, Container, Flex } from '@backstage/ui';
import Link from '@mui/material/Link';
import {
  LANDING_PATHS,
  MeResponse,
  PERSONAS,
} from '@dataplatform/plugin-overview-common';
import { reasonOf } from '@dataplatform/portal-react';
import { overviewApiRef } from '../../api';
import { RetryButton } from '../PolledLoadStates';

/** The pages a person can go to when the landing cannot tell which is theirs. */
export const LANDING_LINKS = [
  { label: 'Platform home', to: LANDING_PATHS['platform-team'] },
  { label: 'My domains', to: LANDING_PATHS['domain-owner'] },
  { label: 'Data products', to: LANDING_PATHS['data-citizen'] },
] as const;

/**
 * Where to send the person: the backend's `landingPath` when it is a path of
 * this portal, else the persona's default. A redirect to whatever the
 * backend says could send people off-site (`//elsewhere`).
 */
export function landingPathOf(me: MeResponse): string {
  const path = me.landingPath;
  if (typeof path === 'string' && /^\/(?![/\\])/.test(path)) return path;
  return PERSONAS.includes(me.persona)
    ? LANDING_PATHS[me.persona]
    : LANDING_PATHS['data-citizen'];
}

/**
 * The portal's root: the platform team lands on the platform home, domain
 * owners on their domains, everyone else on the data product explorer.
 */
export function LandingPage() {
  const api = useApi(overviewApiRef);
  const me = useAsyncRetry(() => api.getMe(), [api]);

  if (me.value) {
    return <Navigate replace to={landingPathOf(me.value)} />;
  }
  if (me.error) {
    return (
      <Container my="4">
        <Alert
          status="danger"
          icon
          title="Could not tell which page is yours"
          description={
            <Flex direction="column" gap="2">
              <span>{reasonOf(me.error)}</span>
              <nav aria-label="Pages">
                <Flex gap="3" style={{ flexWrap: 'wrap' }}>
                  {LANDING_LINKS.map(link => (
                    <Link key={link.to} component={RouterLink} to={link.to}>
                      {link.label}
                    </Link>
                  ))}
                </Flex>
              </nav>
            </Flex>
          }
          customActions={
            <RetryButton onRetry={me.retry} loading={me.loading} />
          }
        />
      </Container>
    );
  }
  return <Progress />;
}
