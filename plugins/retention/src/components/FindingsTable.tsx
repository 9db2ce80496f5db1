import { Fragment, ReactNode, useId } from 'react';
import { Link } from '@backstage/core-components';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { Flex, Text } from '@backstage/ui';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { EstateFinding, Finding } from '@dataplatform/plugin-retention-common';
import { formatDateTime, formatRelativeTime } from '@dataplatform/portal-react';
import { checkTitle } from '../lib/format';
import { nameOf, retentionTabPath } from '../lib/refs';
import { Remediation } from './panels';
import { lookOf, VerdictChip } from './verdicts';

/** Short columns as wide as their content, never wrapped. */
const FIT = { width: '1%', whiteSpace: 'nowrap' } as const;
const HEADING = { whiteSpace: 'nowrap' } as const;

function kindOf(entityRef: string): string {
  return entityRef.split(':')[0].toLocaleLowerCase('en-US');
}

/** The resource a finding is about, opening in the Azure portal when there is a page. */
export function ResourceName(props: {
  finding: Pick<Finding, 'resourceName' | 'resourceId' | 'portalUrl'>;
}) {
  const { resourceName, resourceId, portalUrl } = props.finding;
  const name = resourceName ?? resourceId;
  if (!name) {
    return (
      <Text as="span" variant="body-small" color="secondary">
        Declaration
      </Text>
    );
  }
  if (!portalUrl) {
    return <span title={resourceId}>{name}</span>;
  }
  return (
    <Link
      to={portalUrl}
      title={resourceId}
      aria-label={`Open ${name} in the Azure portal`}
      externalLinkIcon
    >
      {name}
    </Link>
  );
}

/** The entity of an estate finding and, for a data product, its domain. */
function EntityCell(props: { finding: EstateFinding }) {
  const { finding } = props;
  const entityLink = useEntityRefLink();
  const isDomain = finding.entityRef === finding.domainRef;
  return (
    <Flex direction="column" gap="0">
      <Link to={retentionTabPath(entityLink(finding.entityRef))}>
        {nameOf(finding.entityRef)}
      </Link>
      <Text as="span" variant="body-x-small" color="secondary">
        {isDomain || kindOf(finding.entityRef) === 'domain'
          ? 'domain'
          : `data product of ${nameOf(finding.domainRef)}`}
      </Text>
    </Flex>
  );
}

/** "compliant, never deleted by a lifecycle rule (2 days ago)". */
function LastKnownValue(props: {
  lastKnown: NonNullable<Finding['lastKnown']>;
  now: Date;
}) {
  const { lastKnown, now } = props;
  return (
    <>
      {lookOf(lastKnown.verdict).label.toLocaleLowerCase('en')},{' '}
      {lastKnown.actual} (
      <time dateTime={lastKnown.at} title={formatDateTime(lastKnown.at)}>
        {formatRelativeTime(lastKnown.at, now)}
      </time>
      )
    </>
  );
}

/**
 * The long text of a finding, under its row across the whole table so the
 * columns stay narrow: for a compliant finding only why, in small print;
 * otherwise why, what to do with its warning, the last known value of an
 * unknown and where the requirement comes from.
 */
function FindingDetail(props: { finding: Finding; now: Date }) {
  const { finding, now } = props;
  if (finding.verdict === 'compliant') {
    return (
      <Text
        as="p"
        variant="body-x-small"
        color="secondary"
        style={{ margin: 0 }}
      >
        {finding.reason}
      </Text>
    );
  }
  const facts: Array<[string, ReactNode]> = [['Why', finding.reason]];
  if (finding.remediation || finding.warning) {
    facts.push(['What to do', <Remediation finding={finding} />]);
  }
  if (finding.verdict === 'unknown' && finding.lastKnown) {
    facts.push([
      'Last known',
      <LastKnownValue lastKnown={finding.lastKnown} now={now} />,
    ]);
  }
  facts.push(['Requirement from', finding.source]);
  return (
    <Box
      component="dl"
      sx={{
        display: 'grid',
        gridTemplateColumns: 'max-content minmax(0, 1fr)',
        columnGap: 2,
        rowGap: 0.5,
        m: 0,
        fontSize: '0.8125rem',
        '& > dt': { fontWeight: 600, color: 'text.secondary' },
        '& > dd': { m: 0, minWidth: 0, overflowWrap: 'anywhere' },
      }}
    >
      {facts.map(([term, value]) => (
        <Fragment key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </Box>
  );
}

function FindingRows(props: {
  finding: Finding | EstateFinding;
  now: Date;
  showEntity?: boolean;
  columns: number;
}) {
  const { finding, now, showEntity, columns } = props;
  const detailId = useId();
  // The two rows read as one finding: no line between them.
  const joined = { borderBottom: 0 } as const;
  return (
    <>
      <TableRow
        data-verdict={finding.verdict}
        aria-describedby={detailId}
        sx={{ verticalAlign: 'top', '& > td, & > th': joined }}
      >
        <TableCell sx={FIT}>
          <VerdictChip verdict={finding.verdict} size="small" />
        </TableCell>
        {showEntity && (
          <TableCell sx={{ minWidth: 120, overflowWrap: 'anywhere' }}>
            {'domainRef' in finding ? (
              <EntityCell finding={finding} />
            ) : (
              nameOf(finding.entityRef)
            )}
          </TableCell>
        )}
        <TableCell component="th" scope="row" sx={{ minWidth: 140 }}>
          <Text as="div" variant="body-small" weight="bold">
            {checkTitle(finding.check)}
          </Text>
          <Text as="div" variant="body-x-small" color="secondary">
            {finding.categoryTitle}
          </Text>
        </TableCell>
        <TableCell sx={{ minWidth: 200, overflowWrap: 'anywhere' }}>
          <ResourceName finding={finding} />
        </TableCell>
        <TableCell>{finding.required}</TableCell>
        <TableCell>{finding.actual}</TableCell>
      </TableRow>
      <TableRow data-detail-of={finding.id}>
        <TableCell colSpan={columns} sx={{ pt: 0, pb: 1.5 }}>
          <Box
            id={detailId}
            sx={{
              borderLeft: 3,
              borderColor: lookOf(finding.verdict).color,
              pl: 1.5,
              py: 0.25,
            }}
          >
            <FindingDetail finding={finding} now={now} />
          </Box>
        </TableCell>
      </TableRow>
    </>
  );
}

/**
 * Findings in the order given, each a row of short facts (verdict, entity,
 * check and category, the resource linked to the Azure portal, what is
 * required and what Azure keeps) with a line under it across the table for
 * the long text: why, what to do with any warning highlighted, the last
 * known value of an unknown and where the requirement comes from. Long
 * text in columns of its own made the table wider than the page.
 */
export function FindingsTable(props: {
  findings: Array<Finding | EstateFinding>;
  label: string;
  now: Date;
  /** The estate view: which entity each finding belongs to. */
  showEntity?: boolean;
  /** An id for the table, e.g. for a button that shows more rows. */
  id?: string;
}) {
  const { findings, label, now, showEntity, id } = props;
  const columns = showEntity ? 6 : 5;
  return (
    <Box sx={{ overflowX: 'auto', maxWidth: '100%' }}>
      <Table id={id} aria-label={label} size="small">
        <TableHead>
          <TableRow>
            <TableCell sx={FIT}>Verdict</TableCell>
            {showEntity && <TableCell sx={HEADING}>Entity</TableCell>}
            <TableCell sx={HEADING}>Check</TableCell>
            <TableCell sx={HEADING}>Resource</TableCell>
            <TableCell sx={HEADING}>Required</TableCell>
            <TableCell sx={HEADING}>Actual</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {findings.map(finding => (
            <FindingRows
              key={finding.id}
              finding={finding}
              now={now}
              showEntity={showEntity}
              columns={columns}
            />
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
