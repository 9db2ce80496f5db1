import { Link as RouterLink } from 'react-router-dom';
import { Link } from '@backstage/core-components';
import { Flex, Text } from '@backstage/ui';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import {
  AttentionLevel,
  DataProductOverview,
  healthAttention,
} from '@dataplatform/plugin-overview-common';
import { plural } from '@dataplatform/portal-react';
import { AttentionChip } from '../concerns';
import { CardEmptyState, DomainCardFrame } from '../DomainCardFrame';

/** The template that creates a data product in a domain. */
export const CREATE_DATA_PRODUCT_PATH =
  '/create/templates/default/create-data-product';

type Contract = DataProductOverview['contracts'][number];
type HealthState = NonNullable<DataProductOverview['healthState']>;

const HEALTH_LABELS: Record<HealthState, string> = {
  healthy: 'Healthy',
  degraded: 'Degraded',
  unhealthy: 'Unhealthy',
  unknown: 'Unknown',
};

const CONTRACT_LEVELS: Record<Contract['status'], AttentionLevel> = {
  valid: 'ok',
  invalid: 'critical',
  missing: 'warning',
  unchecked: 'unknown',
};

/** "Valid", "Invalid: 3 errors", "Missing", "Unchecked". */
export function contractStatusText(contract: Contract): string {
  switch (contract.status) {
    case 'valid':
      return 'Valid';
    case 'invalid':
      return `Invalid: ${plural(contract.errorCount, 'error')}`;
    case 'missing':
      return 'Missing';
    default:
      return 'Unchecked';
  }
}

/** The name of a contract: its title, else the name in its ref. */
function contractName(contract: Contract): string {
  return (
    contract.title ??
    contract.entityRef.slice(contract.entityRef.lastIndexOf('/') + 1)
  );
}

/**
 * A contract as a chip "name: status", linking to the contract's page; a
 * missing contract has no page and says which ref the port names.
 */
function ContractChip(props: { contract: Contract }) {
  const { contract } = props;
  const label = `${contractName(contract)}: ${contractStatusText(contract)}`;
  const chip = (
    <AttentionChip level={CONTRACT_LEVELS[contract.status]} label={label} />
  );
  if (!contract.href) {
    return (
      <Box
        component="span"
        data-status={contract.status}
        title={`The output port names ${contract.entityRef}, which is not in the catalog`}
      >
        {chip}
      </Box>
    );
  }
  return (
    <Box
      component={RouterLink}
      to={contract.href}
      aria-label={label}
      data-status={contract.status}
      sx={{
        display: 'inline-flex',
        color: 'inherit',
        textDecoration: 'none',
        '&:hover .MuiChip-root, &:focus-visible .MuiChip-root': {
          textDecoration: 'underline',
        },
      }}
    >
      {chip}
    </Box>
  );
}

function DataProductsTable(props: { dataProducts: DataProductOverview[] }) {
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="Data products of this domain">
        <TableHead>
          <TableRow>
            <TableCell>Data product</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>Layer</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>Lifecycle</TableCell>
            <TableCell>Health</TableCell>
            <TableCell>Contracts</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.dataProducts.map(product => {
            const state = product.healthState ?? 'unknown';
            return (
              <TableRow key={product.entityRef} data-name={product.name}>
                <TableCell>
                  <Link to={product.href}>{product.title}</Link>
                </TableCell>
                <TableCell>{product.layer ?? '—'}</TableCell>
                <TableCell>{product.lifecycle ?? '—'}</TableCell>
                <TableCell>
                  <AttentionChip
                    level={healthAttention({ state })}
                    label={HEALTH_LABELS[state] ?? state}
                  />
                </TableCell>
                <TableCell>
                  {product.contracts.length === 0 ? (
                    <Text as="span" variant="body-small" color="secondary">
                      No output port contract
                    </Text>
                  ) : (
                    <Flex gap="1" style={{ flexWrap: 'wrap' }}>
                      {product.contracts.map(contract => (
                        <ContractChip
                          key={contract.entityRef}
                          contract={contract}
                        />
                      ))}
                    </Flex>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}

/**
 * The domain's data products: layer, lifecycle, health and the status of
 * each output port's contract, linking to the product and contract pages.
 */
export function DomainDataProductsCard() {
  return (
    <DomainCardFrame title="Data products" what="data products">
      {overview =>
        overview.dataProducts.length === 0 ? (
          <CardEmptyState
            message="This domain has no data products yet."
            actionTo={CREATE_DATA_PRODUCT_PATH}
            actionLabel="Create a data product"
          />
        ) : (
          <DataProductsTable dataProducts={overview.dataProducts} />
        )
      }
    </DomainCardFrame>
  );
}
