import {
  Card,
  CardBody,
  CardFooter,
  CardHeader,
  Flex,
  Text,
} from '@backstage/ui';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Chip from '@mui/material/Chip';
import { ClassificationChip, LayerChip } from '../chips';
import { capitalize, plural } from '../../lib/values';
import { ContractSummary, freshnessLabel, ProductRow } from './explorer';

function ContractSummaryChips(props: { contracts: ContractSummary }) {
  const { ports, missing, errors, unchecked } = props.contracts;
  if (ports === 0) {
    return <Chip size="small" color="warning" label="No output port" />;
  }
  const chips: JSX.Element[] = [];
  if (missing > 0) {
    chips.push(
      <Chip
        key="missing"
        size="small"
        color="error"
        label={
          missing === 1 ? 'Contract missing' : `${missing} contracts missing`
        }
      />,
    );
  }
  if (errors > 0) {
    chips.push(
      <Chip
        key="errors"
        size="small"
        color="error"
        label={plural(errors, 'contract error')}
      />,
    );
  }
  if (chips.length > 0) {
    return <>{chips}</>;
  }
  if (unchecked > 0) {
    return (
      <Chip size="small" variant="outlined" label="Contract not checked yet" />
    );
  }
  return (
    <Chip
      size="small"
      color="success"
      label={ports === 1 ? 'Contract valid' : `${ports} contracts valid`}
    />
  );
}

function Fact(props: { label: string; children: React.ReactNode }) {
  return (
    <Flex gap="2" align="baseline">
      <Text as="span" variant="body-small" color="secondary">
        {props.label}
      </Text>
      <Text as="span" variant="body-small">
        {props.children}
      </Text>
    </Flex>
  );
}

/** One data product in the explorer's results. */
export function DataProductCard(props: { row: ProductRow }) {
  const { row } = props;
  const freshness = freshnessLabel(row.freshness);
  return (
    <Card role="article" aria-label={row.title}>
      <CardHeader>
        <Flex justify="between" align="start" gap="2">
          <Text as="h2" variant="title-x-small" weight="bold">
            <EntityRefLink entityRef={row.entity}>{row.title}</EntityRefLink>
          </Text>
          <LayerChip layer={row.layer} />
        </Flex>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="2">
          <Text as="p" variant="body-small" color="secondary">
            {row.description ?? 'No description.'}
          </Text>
          {row.domain && (
            <Fact label="Domain">
              <EntityRefLink
                entityRef={row.domain}
                defaultKind="domain"
                hideIcon
              />
            </Fact>
          )}
          {row.owner && (
            <Fact label="Owner">
              <EntityRefLink
                entityRef={row.owner}
                defaultKind="group"
                hideIcon
              />
            </Fact>
          )}
          {freshness && <Fact label="SLA">{freshness}</Fact>}
          {row.lifecycle && (
            <Fact label="Lifecycle">{capitalize(row.lifecycle)}</Fact>
          )}
        </Flex>
      </CardBody>
      <CardFooter>
        <Flex gap="2" style={{ flexWrap: 'wrap' }}>
          <ClassificationChip classification={row.classification} />
          <ContractSummaryChips contracts={row.contracts} />
        </Flex>
      </CardFooter>
    </Card>
  );
}
