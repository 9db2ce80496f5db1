import { ReactNode, useId, useMemo, useState } from 'react';
import { Alert, Card, CardBody, Flex, Text } from '@backstage/ui';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { ContractCheck, useContractCheck } from '../../lib/contractCheck';
import { isRecord, plural } from '../../lib/values';
import { ContractErrorList } from '../ContractErrors';
import { ContractView, readContract } from './readContract';
import {
  CustomPropertiesSection,
  OverviewSection,
  QualitySection,
  RawSection,
  RolesSection,
  SchemaSection,
  ServersSection,
  SlaSection,
  SupportSection,
} from './sections';

interface Section {
  id: string;
  label: string;
  render: () => ReactNode;
}

function sectionsOf(check: ContractCheck, contract?: ContractView): Section[] {
  const { errors } = check;
  const raw: Section = {
    id: 'raw',
    label: 'Raw YAML',
    render: () => <RawSection text={check.text} />,
  };
  if (!contract) {
    return [raw];
  }
  const sections: Array<Section & { shown: boolean }> = [
    {
      id: 'overview',
      label: 'Overview',
      shown: true,
      render: () => <OverviewSection contract={contract} />,
    },
    {
      id: 'schema',
      label: 'Schema',
      shown: contract.schema.length > 0,
      render: () => <SchemaSection contract={contract} errors={errors} />,
    },
    {
      id: 'quality',
      label: 'Quality',
      shown: contract.quality.length > 0,
      render: () => <QualitySection contract={contract} errors={errors} />,
    },
    {
      id: 'sla',
      label: 'SLA',
      shown: contract.sla.length > 0,
      render: () => <SlaSection contract={contract} errors={errors} />,
    },
    {
      id: 'servers',
      label: 'Servers',
      shown: contract.servers.length > 0,
      render: () => <ServersSection contract={contract} errors={errors} />,
    },
    {
      id: 'roles',
      label: 'Roles & team',
      shown: contract.roles.length > 0 || contract.team !== undefined,
      render: () => <RolesSection contract={contract} />,
    },
    {
      id: 'support',
      label: 'Support & pricing',
      shown: contract.support.length > 0 || contract.price !== undefined,
      render: () => <SupportSection contract={contract} />,
    },
    {
      id: 'custom',
      label: 'Custom properties',
      shown: contract.customProperties.length > 0,
      render: () => <CustomPropertiesSection contract={contract} />,
    },
  ];
  return [...sections.filter(section => section.shown), raw];
}

function Verdict(props: { check: ContractCheck; contract?: ContractView }) {
  const { check, contract } = props;
  const version = check.apiVersion ?? contract?.apiVersion;
  if (check.valid) {
    return (
      <Alert
        status="success"
        icon
        title={`Valid ODCS ${version ?? 'v3'} contract`}
      />
    );
  }
  return (
    <Alert
      status="danger"
      icon
      role="alert"
      title={`This contract does not follow ODCS${
        version ? ` ${version}` : ''
      }: ${plural(check.errors.length, 'error')}`}
      description={
        <Flex direction="column" gap="2">
          <ContractErrorList errors={check.errors} />
          {!contract && check.text !== undefined && (
            <Text as="p" variant="body-small">
              The text could not be read as a contract; the Raw YAML tab shows
              it as it is.
            </Text>
          )}
        </Flex>
      }
    />
  );
}

function Summary(props: { contract: ContractView }) {
  const { contract } = props;
  const title = contract.name ?? contract.dataProduct ?? contract.id;
  return (
    <Flex align="center" gap="2" style={{ flexWrap: 'wrap' }}>
      {title && (
        <Text as="h2" variant="title-small">
          {title}
        </Text>
      )}
      {contract.version && (
        <Chip
          size="small"
          variant="outlined"
          label={`Version ${contract.version}`}
        />
      )}
      {contract.status && (
        <Chip
          size="small"
          color={contract.status === 'active' ? 'success' : 'default'}
          variant="outlined"
          label={contract.status}
        />
      )}
    </Flex>
  );
}

/** The ODCS contract an API entity holds, shown as a person reads it. */
export function ContractDocument(props: { check: ContractCheck }) {
  const { check } = props;
  // A document that is not a mapping (a bare string or list) has nothing
  // to show beyond its errors and its text.
  const contract = useMemo(
    () => (isRecord(check.document) ? readContract(check.document) : undefined),
    [check.document],
  );
  const sections = sectionsOf(check, contract);
  const [selected, setSelected] = useState(sections[0].id);
  const current = sections.find(s => s.id === selected) ?? sections[0];
  const baseId = useId();

  return (
    <Flex direction="column" gap="4">
      {contract && <Summary contract={contract} />}
      <Verdict check={check} contract={contract} />
      <Card>
        <CardBody>
          <Box sx={{ borderBottom: 1, borderColor: 'divider', mb: 3 }}>
            <Tabs
              value={current.id}
              onChange={(_, id: string) => setSelected(id)}
              variant="scrollable"
              scrollButtons="auto"
              aria-label="Contract sections"
            >
              {sections.map(section => (
                <Tab
                  key={section.id}
                  value={section.id}
                  label={section.label}
                  id={`${baseId}-tab-${section.id}`}
                  aria-controls={`${baseId}-panel-${section.id}`}
                />
              ))}
            </Tabs>
          </Box>
          <div
            role="tabpanel"
            id={`${baseId}-panel-${current.id}`}
            aria-labelledby={`${baseId}-tab-${current.id}`}
          >
            {current.render()}
          </div>
        </CardBody>
      </Card>
    </Flex>
  );
}

/** The Data contract tab of an ODCS API entity. */
export function ContractViewer() {
  const { entity } = useEntity();
  const check = useContractCheck(entity);
  return <ContractDocument check={check} />;
}
