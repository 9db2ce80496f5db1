import { Link } from '@backstage/core-components';
import { Flex, Text } from '@backstage/ui';
import Box from '@mui/material/Box';
// Backstage's Link says "opens in a new window" of every external link; a
// mailto link opens the mail program, so a plain anchor.
import MuiLink from '@mui/material/Link';
import { DomainOverviewResponse } from '@dataplatform/plugin-overview-common';
import { plural } from '@dataplatform/portal-react';
import { DomainCardFrame } from '../DomainCardFrame';

function Secondary(props: { children: string }) {
  return (
    <Text as="p" variant="body-small" color="secondary" style={{ margin: 0 }}>
      {props.children}
    </Text>
  );
}

function People(props: { owner: DomainOverviewResponse['owner'] }) {
  const { owner } = props;
  if (!owner) {
    return (
      <Secondary>
        This domain names no owner group the catalog knows; set spec.owner in
        its catalog entity.
      </Secondary>
    );
  }
  return (
    <Flex direction="column" gap="2">
      <Text as="p" variant="body-small" style={{ margin: 0 }}>
        Owner group: <Link to={owner.href}>{owner.title}</Link>
      </Text>
      {owner.members.length === 0 ? (
        <Secondary>The group has no members in the catalog.</Secondary>
      ) : (
        <>
          <Text as="span" variant="body-x-small" color="secondary">
            {plural(owner.members.length, 'member')}
          </Text>
          <Box
            component="ul"
            aria-label="Members of the owner group"
            sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 1 }}
          >
            {owner.members.map(member => (
              <Box
                component="li"
                key={member.entityRef}
                sx={{ display: 'flex', flexDirection: 'column' }}
              >
                <Text as="span" variant="body-small">
                  <Link to={member.href}>{member.title}</Link>
                </Text>
                {member.email ? (
                  <Text as="span" variant="body-x-small">
                    <MuiLink href={`mailto:${member.email}`}>
                      {member.email}
                    </MuiLink>
                  </Text>
                ) : (
                  <Text as="span" variant="body-x-small" color="secondary">
                    no e-mail in the catalog
                  </Text>
                )}
              </Box>
            ))}
          </Box>
        </>
      )}
    </Flex>
  );
}

/** The domain's owner group and its members, with their e-mail. */
export function DomainPeopleCard() {
  return (
    <DomainCardFrame title="People" what="people">
      {overview => <People owner={overview.owner} />}
    </DomainCardFrame>
  );
}
