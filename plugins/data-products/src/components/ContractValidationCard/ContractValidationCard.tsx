import { Link } from '@backstage/core-components';
import { Alert, Flex, Text } from '@backstage/ui';
import {
  EntityInfoCard,
  useEntity,
  useEntityRefLink,
} from '@backstage/plugin-catalog-react';
import { useContractCheck } from '../../lib/contractCheck';
import { plural } from '../../lib/values';
import { ContractErrorList } from '../ContractErrors';

/** How many errors the card lists; the Data contract tab shows them all. */
const ERRORS_SHOWN = 3;

/** The path of the entity's Data contract tab. */
export function useContractTabPath(): string {
  const { entity } = useEntity();
  const entityPath = useEntityRefLink()(entity);
  return `${entityPath.replace(/\/$/, '')}/contract`;
}

/** Whether the ODCS contract of an API entity is valid, on its overview. */
export function ContractValidationCard() {
  const { entity } = useEntity();
  const check = useContractCheck(entity);
  const contractTab = useContractTabPath();
  const link = (
    <Text as="span" variant="body-small">
      <Link to={contractTab}>
        {check.valid
          ? 'Read the contract'
          : `See ${check.errors.length > ERRORS_SHOWN ? 'all ' : ''}${plural(
              check.errors.length,
              'error',
            )} in the Data contract tab`}
      </Link>
    </Text>
  );

  return (
    <EntityInfoCard title="Data contract" footerActions={link}>
      {check.valid ? (
        <Alert
          status="success"
          icon
          title={`Valid ODCS ${check.apiVersion ?? 'v3'} contract`}
        />
      ) : (
        <Flex direction="column" gap="2">
          <Alert
            status="danger"
            icon
            title={plural(check.errors.length, 'error')}
            description={`The contract does not follow ODCS${
              check.apiVersion ? ` ${check.apiVersion}` : ''
            }.`}
          />
          <Text as="div" variant="body-small">
            <ContractErrorList
              errors={check.errors.slice(0, ERRORS_SHOWN)}
              label={
                check.errors.length > ERRORS_SHOWN
                  ? `First ${ERRORS_SHOWN} contract errors`
                  : 'Contract errors'
              }
            />
          </Text>
          {check.errors.length > ERRORS_SHOWN && (
            <Text as="p" variant="body-small" color="secondary">
              and {plural(check.errors.length - ERRORS_SHOWN, 'more error')}.
            </Text>
          )}
        </Flex>
      )}
    </EntityInfoCard>
  );
}
