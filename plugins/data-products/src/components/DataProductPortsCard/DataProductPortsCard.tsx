import useAsync from 'react-use/esm/useAsync';
import { Entity } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  catalogApiRef,
  EntityInfoCard,
  EntityRefLink,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { Alert, Flex, Text } from '@backstage/ui';
import Chip, { ChipProps } from '@mui/material/Chip';
import { alpha } from '@mui/material/styles';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import {
  ContractState,
  contractStateExplanation,
  contractStateLabel,
  contractStateOf,
  isProblem,
  PortView,
  portsOf,
} from '../../lib/ports';
import { plural } from '../../lib/values';

/** Enough of a contract entity to judge it. */
const CONTRACT_FIELDS = ['kind', 'metadata', 'spec.type'];

interface PortRow {
  port: PortView;
  state: ContractState;
}

function usePortRows(entity: Entity) {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async (): Promise<PortRow[]> => {
    const ports = portsOf(entity);
    const refs = [
      ...new Set(
        ports.flatMap(port => (port.contractRef ? [port.contractRef] : [])),
      ),
    ];
    const found = new Map<string, Entity>();
    if (refs.length > 0) {
      const { items } = await catalogApi.getEntitiesByRefs({
        entityRefs: refs,
        fields: CONTRACT_FIELDS,
      });
      items.forEach((item, index) => {
        if (item) {
          found.set(refs[index], item);
        }
      });
    }
    return ports.map(port => ({
      port,
      state: contractStateOf(
        port,
        port.contractRef ? found.get(port.contractRef) : undefined,
      ),
    }));
  }, [catalogApi, entity]);
}

const STATE_COLOURS: Record<ContractState['state'], ChipProps['color']> = {
  valid: 'success',
  unchecked: 'default',
  invalid: 'error',
  missing: 'error',
  'not-a-contract': 'warning',
  'bad-reference': 'error',
};

function Status(props: { row: PortRow }) {
  const { port, state } = props.row;
  const explanation = contractStateExplanation(port, state);
  return (
    <Flex direction="column" gap="1" align="start">
      <Chip
        size="small"
        color={STATE_COLOURS[state.state]}
        variant={state.state === 'unchecked' ? 'outlined' : 'filled'}
        label={contractStateLabel(state)}
      />
      {explanation && (
        <Text as="span" variant="body-small" color="danger">
          {explanation}
        </Text>
      )}
    </Flex>
  );
}

function PortsTable(props: { rows: PortRow[] }) {
  return (
    <TableContainer>
      <Table size="small" aria-label="Ports and contracts">
        <TableHead>
          <TableRow>
            {['Port', 'Direction', 'Description', 'Contract', 'Status'].map(
              label => (
                <TableCell key={label} sx={{ fontWeight: 600 }}>
                  {label}
                </TableCell>
              ),
            )}
          </TableRow>
        </TableHead>
        <TableBody>
          {props.rows.map(row => {
            const problem = isProblem(row.state);
            return (
              <TableRow
                key={`${row.port.direction}-${row.port.name}`}
                aria-invalid={problem || undefined}
                sx={
                  problem
                    ? theme => ({
                        backgroundColor: alpha(theme.palette.error.main, 0.08),
                        '& > th:first-of-type': {
                          boxShadow: `inset 4px 0 0 ${theme.palette.error.main}`,
                        },
                      })
                    : undefined
                }
              >
                <TableCell
                  component="th"
                  scope="row"
                  sx={{ verticalAlign: 'top' }}
                >
                  <code>{row.port.name}</code>
                </TableCell>
                <TableCell sx={{ verticalAlign: 'top' }}>
                  {row.port.direction === 'output' ? 'Output' : 'Input'}
                </TableCell>
                <TableCell sx={{ verticalAlign: 'top' }}>
                  {row.port.description ?? '—'}
                </TableCell>
                <TableCell sx={{ verticalAlign: 'top' }}>
                  {row.port.contractRef ? (
                    <EntityRefLink
                      entityRef={row.port.contractRef}
                      defaultKind="api"
                    />
                  ) : (
                    <code>{row.port.contract ?? '—'}</code>
                  )}
                </TableCell>
                <TableCell sx={{ verticalAlign: 'top' }}>
                  <Status row={row} />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

/**
 * The ports of a data product and the contracts that govern them, checked
 * against the catalog: a contract that is missing or invalid breaks the
 * promise the port makes to its consumers.
 */
export function DataProductPortsCard() {
  const { entity } = useEntity();
  const { value, loading, error } = usePortRows(entity);

  let content: JSX.Element;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = (
      <ResponseErrorPanel
        title="Could not look up the contracts in the catalog"
        error={error}
      />
    );
  } else if (!value || value.length === 0) {
    content = (
      <Text as="p" color="secondary">
        This data product declares no ports.
      </Text>
    );
  } else {
    const problems = value.filter(row => isProblem(row.state)).length;
    content = (
      <Flex direction="column" gap="3">
        {problems > 0 && (
          <Alert
            status="danger"
            icon
            title={`${plural(problems, 'port')} ${
              problems === 1 ? 'has' : 'have'
            } a contract problem`}
            description="Consumers rely on the contract of each port; fix or register the contracts flagged below."
          />
        )}
        <PortsTable rows={value} />
      </Flex>
    );
  }
  return <EntityInfoCard title="Ports and contracts">{content}</EntityInfoCard>;
}
