import { useId, useState } from 'react';
import { Link } from '@backstage/core-components';
import { Flex, Text } from '@backstage/ui';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import {
  SANDBOX_EXPIRY_WARNING_DAYS,
  SandboxOverview,
} from '@dataplatform/plugin-overview-common';
import { useNow } from '@dataplatform/portal-react';
import {
  CardEmptyState,
  daysTo,
  DomainCardFrame,
  expiryText,
  money,
} from '../DomainCardFrame';

/** The template that leases an innovation sandbox. */
export const LEASE_SANDBOX_PATH =
  '/create/templates/default/lease-innovation-sandbox';

/** Lease states after which a sandbox is gone (the others are still open). */
const ENDED_STATES = new Set(['expired', 'decommissioned', 'ended']);

export function isEnded(sandbox: SandboxOverview): boolean {
  return sandbox.state !== undefined && ENDED_STATES.has(sandbox.state);
}

/** "needs-attention" → "Needs attention". */
function stateLabel(state: string): string {
  const words = state.replace(/-/g, ' ');
  return words.charAt(0).toLocaleUpperCase('en-US') + words.slice(1);
}

function Expiry(props: { sandbox: SandboxOverview; now: Date }) {
  const { sandbox, now } = props;
  if (!sandbox.expiresOn) {
    return (
      <Text as="span" variant="body-small" color="secondary">
        no end date
      </Text>
    );
  }
  const days = daysTo(sandbox.expiresOn, now) ?? sandbox.daysLeft;
  if (days === undefined) {
    return (
      <Text as="span" variant="body-small">
        ends {sandbox.expiresOn}
      </Text>
    );
  }
  let urgency: 'past' | 'soon' | 'later' = 'later';
  if (days < 0) urgency = 'past';
  else if (days <= SANDBOX_EXPIRY_WARNING_DAYS) urgency = 'soon';
  return (
    <Box
      component="span"
      data-urgency={urgency}
      sx={{
        fontSize: '0.875rem',
        fontWeight: urgency === 'later' ? 400 : 600,
        color: {
          past: 'error.main',
          soon: 'warning.dark',
          later: 'text.primary',
        }[urgency],
      }}
    >
      {expiryText(sandbox.expiresOn, days)}
    </Box>
  );
}

function SandboxList(props: {
  sandboxes: SandboxOverview[];
  label: string;
  now: Date;
  id?: string;
}) {
  return (
    <Box
      component="ul"
      id={props.id}
      aria-label={props.label}
      sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 1.5 }}
    >
      {props.sandboxes.map(sandbox => (
        <Box
          component="li"
          key={sandbox.entityRef}
          data-name={sandbox.name}
          sx={{ display: 'flex', flexDirection: 'column', gap: 0.5 }}
        >
          <Flex gap="2" align="center" style={{ flexWrap: 'wrap' }}>
            <Text as="span" variant="body-medium" weight="bold">
              <Link to={sandbox.href}>{sandbox.title}</Link>
            </Text>
            {sandbox.state && (
              <Chip
                size="small"
                variant="outlined"
                label={stateLabel(sandbox.state)}
              />
            )}
          </Flex>
          <Flex gap="2" align="center" style={{ flexWrap: 'wrap' }}>
            <Expiry sandbox={sandbox} now={props.now} />
            {sandbox.budgetCap !== undefined && (
              <Text as="span" variant="body-small" color="secondary">
                · cap {money(sandbox.budgetCap)} a month
              </Text>
            )}
          </Flex>
        </Box>
      ))}
    </Box>
  );
}

function Sandboxes(props: { sandboxes: SandboxOverview[]; now: Date }) {
  const { now } = props;
  const [showEnded, setShowEnded] = useState(false);
  const endedId = useId();
  const open = props.sandboxes.filter(sandbox => !isEnded(sandbox));
  const ended = props.sandboxes.filter(isEnded);
  return (
    <Flex direction="column" gap="3" align="stretch">
      {open.length === 0 ? (
        <CardEmptyState
          message="No open innovation sandboxes for this domain's owners."
          actionTo={LEASE_SANDBOX_PATH}
          actionLabel="Lease a sandbox"
        />
      ) : (
        <SandboxList sandboxes={open} label="Open sandboxes" now={now} />
      )}
      {ended.length > 0 && (
        <Flex direction="column" gap="2" align="start">
          <Button
            size="small"
            variant="text"
            aria-expanded={showEnded}
            aria-controls={showEnded ? endedId : undefined}
            onClick={() => setShowEnded(!showEnded)}
          >
            {`Ended (${ended.length})`}
          </Button>
          {showEnded && (
            <SandboxList
              id={endedId}
              sandboxes={ended}
              label="Ended sandboxes"
              now={now}
            />
          )}
        </Flex>
      )}
    </Flex>
  );
}

/**
 * The innovation sandboxes of the domain's owners: the open ones soonest
 * end first, with how many days are left, their state and cap; the ended
 * ones folded away.
 */
export function DomainSandboxesCard() {
  const now = useNow(60_000);
  return (
    <DomainCardFrame title="Sandboxes" what="sandboxes">
      {overview => <Sandboxes sandboxes={overview.sandboxes} now={now} />}
    </DomainCardFrame>
  );
}
