import { useCallback, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { EmptyState, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Alert,
  Button,
  Container,
  Flex,
  TablePagination,
  Text,
  ToggleButton,
  ToggleButtonGroup,
} from '@backstage/ui';
import {
  EstateFindingsResponse,
  VERDICTS,
} from '@dataplatform/plugin-retention-common';
import {
  CaptionedToggleButtonGroup,
  Feedback,
  FeedbackRegion,
  formatDateTime,
  formatRelativeTime,
  LabelledSelect,
  PageHeading,
  reasonOf,
  statusOf,
  useNow,
  usePolledAsync,
} from '@dataplatform/portal-react';
import { retentionApiRef } from '../../api';
import { saveFile } from '../../lib/download';
import { AREA_TITLES, plural } from '../../lib/format';
import { countVerdicts, sortFindings } from '../../lib/verdicts';
import { FindingsTable } from '../FindingsTable';
import { DownloadIcon, ScanIcon } from '../icons';
import { LoadError } from '../panels';
import { lookOf } from '../verdicts';
import {
  AreaFilter,
  DEFAULT_QUERY,
  domainsOf,
  inScope,
  isFiltered,
  PageQuery,
  readQuery,
  writeQuery,
} from './query';

const REPORT_PERMISSION = 'dataplatform.retention.report';

/** Rows of the findings table per page. */
export const PAGE_SIZE = 25;

/** "1–25 of 205". */
function rangeLabel(offset: number, shown: number, total: number): string {
  const n = (value: number) => value.toLocaleString('en-US');
  return `${n(offset + 1)}–${n(offset + shown)} of ${n(total)}`;
}

function useQuery() {
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => readQuery(params), [params]);
  const setQuery = useCallback(
    (next: PageQuery) => setParams(writeQuery(next), { replace: true }),
    [setParams],
  );
  return [query, setQuery] as const;
}

/** What a refused export or scan means, in words for the person who tried. */
function refusal(error: unknown, what: string): Feedback {
  if (statusOf(error) === 403) {
    return {
      status: 'danger',
      title: `Only the platform team can ${what}`,
      text: `It needs the ${REPORT_PERMISSION} permission.`,
    };
  }
  return {
    status: 'danger',
    title: `Could not ${what}`,
    text: reasonOf(error),
  };
}

function LastScan(props: {
  lastScan: EstateFindingsResponse['lastScan'];
  now: Date;
}) {
  const { lastScan, now } = props;
  if (!lastScan) {
    return (
      <Text as="span" variant="body-small" color="secondary">
        No scan has finished yet
      </Text>
    );
  }
  const seconds = Math.max(
    0,
    Math.round(
      (new Date(lastScan.finishedAt).getTime() -
        new Date(lastScan.startedAt).getTime()) /
        1000,
    ),
  );
  return (
    <Text as="span" variant="body-small" color="secondary">
      Last scan finished{' '}
      <time
        dateTime={lastScan.finishedAt}
        title={formatDateTime(lastScan.finishedAt)}
      >
        {formatRelativeTime(lastScan.finishedAt, now)}
      </time>
      : {plural(lastScan.subscriptions, 'subscription')},{' '}
      {plural(lastScan.azureCalls, 'Azure call')}, took{' '}
      {plural(seconds, 'second')}
    </Text>
  );
}

function Filters(props: {
  query: PageQuery;
  setQuery: (query: PageQuery) => void;
  domains: string[];
  counts: ReturnType<typeof countVerdicts>;
}) {
  const { domains, counts } = props;
  // Other rows are shown: the page number of the old ones means nothing.
  const query = { ...props.query, page: 1 };
  const setQuery = props.setQuery;
  return (
    <Flex direction="column" gap="2">
      <CaptionedToggleButtonGroup
        captionId="retention-verdict-filter"
        caption="Findings by verdict; the chosen verdicts are shown (choose Compliant to see compliant findings too)"
        aria-label="Filter by verdict"
        selectionMode="multiple"
        // Nothing chosen would show nothing; the last verdict stays chosen.
        disallowEmptySelection
        selectedKeys={query.verdicts}
        onSelectionChange={keys =>
          setQuery({ ...query, verdicts: VERDICTS.filter(v => keys.has(v)) })
        }
      >
        {VERDICTS.map(verdict => {
          const look = lookOf(verdict);
          return (
            <ToggleButton
              key={verdict}
              id={verdict}
              iconStart={<look.Icon sx={{ color: look.color }} aria-hidden />}
            >
              {look.count(counts[verdict])}
            </ToggleButton>
          );
        })}
      </CaptionedToggleButtonGroup>
      <Flex gap="4" align="end" style={{ flexWrap: 'wrap' }}>
        <LabelledSelect
          id="retention-domain-filter"
          label="Domain"
          value={query.domain}
          onChange={domain => setQuery({ ...query, domain })}
        >
          <option value="">All domains</option>
          {domains.map(domain => (
            <option key={domain} value={domain}>
              {domain}
            </option>
          ))}
        </LabelledSelect>
        <ToggleButtonGroup
          aria-label="Area"
          selectionMode="single"
          disallowEmptySelection
          selectedKeys={[query.area]}
          onSelectionChange={keys => {
            const [next] = [...keys];
            if (next === 'all' || next === 'retention' || next === 'recovery') {
              setQuery({ ...query, area: next as AreaFilter });
            }
          }}
        >
          <ToggleButton id="all">All areas</ToggleButton>
          <ToggleButton id="retention">{AREA_TITLES.retention}</ToggleButton>
          <ToggleButton id="recovery">{AREA_TITLES.recovery}</ToggleButton>
        </ToggleButtonGroup>
      </Flex>
    </Flex>
  );
}

/**
 * Retention across the estate, for the platform team: the findings of
 * every domain and data product worst first, a page at a time, filtered by
 * verdict (what needs attention unless compliant is chosen too), domain
 * and area, exportable as CSV, with the last scan's figures and a way to
 * scan now.
 */
export function RetentionPage(props: { refreshIntervalMs?: number }) {
  const api = useApi(retentionApiRef);
  const now = useNow();
  const [query, setQuery] = useQuery();
  const list = usePolledAsync(
    () => api.getFindings(),
    [api],
    props.refreshIntervalMs ?? 60_000,
  );
  const [downloading, setDownloading] = useState(false);
  const [scanning, setScanning] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>();

  const findings = list.value?.findings;
  const scoped = useMemo(
    () => (findings ? inScope(findings, query) : []),
    [findings, query],
  );
  const rows = useMemo(
    () =>
      sortFindings(
        query.verdicts.length === 0
          ? scoped
          : scoped.filter(f => query.verdicts.includes(f.verdict)),
      ),
    [scoped, query.verdicts],
  );
  const domains = useMemo(() => domainsOf(findings ?? []), [findings]);
  // A refresh can leave fewer pages than the one in the address.
  const pageCount = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  const offset = (page - 1) * PAGE_SIZE;
  const pageRows = rows.slice(offset, offset + PAGE_SIZE);
  const tableTop = useRef<HTMLDivElement>(null);
  const goToPage = (next: number) => {
    setQuery({ ...query, page: next });
    // The controls are under the table; the next page starts above.
    tableTop.current?.scrollIntoView?.({ block: 'start' });
  };
  const forbidden = !list.value && statusOf(list.error) === 403;

  const download = async () => {
    setDownloading(true);
    setFeedback(undefined);
    try {
      const file = await api.downloadFindingsCsv({
        // Every verdict chosen is no verdict filter: the same file, a shorter URL.
        verdict:
          query.verdicts.length < VERDICTS.length ? query.verdicts : undefined,
        domain: query.domain || undefined,
      });
      saveFile(file);
      setFeedback({ status: 'success', title: `Saved ${file.name}` });
    } catch (error) {
      setFeedback(refusal(error, 'download the findings'));
    } finally {
      setDownloading(false);
    }
  };

  const scan = async () => {
    setScanning(true);
    setFeedback(undefined);
    try {
      await api.triggerScan();
      setFeedback({
        status: 'success',
        title: 'Scan started',
        text: 'Every subscription is read again; the findings here update when the scan has finished (this page reloads every minute, or use Refresh).',
      });
    } catch (error) {
      setFeedback(refusal(error, 'start a scan'));
    } finally {
      setScanning(false);
    }
  };

  let content: JSX.Element;
  if (!list.value) {
    if (forbidden) {
      content = (
        <Alert
          status="info"
          icon
          title="Only the platform team can see retention across the estate"
          description={`The findings of every domain and their CSV export need the ${REPORT_PERMISSION} permission. The Retention tab of each domain and data product shows its own findings to everyone signed in.`}
        />
      );
    } else if (list.error && !list.loading) {
      content = (
        <LoadError
          title="Could not load the retention findings"
          error={list.error}
          onRetry={list.retry}
        />
      );
    } else {
      content = <Progress />;
    }
  } else if (list.value.findings.length === 0) {
    content = (
      <EmptyState
        missing="data"
        title="No retention findings yet"
        description="Domains show here once they have the annotation dataplatform.contoso.com/azure-subscription-id and the retention scan has evaluated them. Use Scan now to start a scan."
      />
    );
  } else {
    const filtered = isFiltered(query);
    const total = list.value.findings.length;
    const hiddenCompliant = query.verdicts.includes('compliant')
      ? 0
      : scoped.filter(f => f.verdict === 'compliant').length;
    content = (
      <Flex direction="column" gap="3">
        <Filters
          query={query}
          setQuery={setQuery}
          domains={domains}
          counts={countVerdicts(scoped)}
        />
        <Flex justify="between" align="center">
          <Text
            as="span"
            variant="body-small"
            color="secondary"
            aria-live="polite"
          >
            {rows.length === total
              ? plural(total, 'finding')
              : `Showing ${rows.length.toLocaleString('en-US')} of ${plural(
                  total,
                  'finding',
                )}`}
            , worst first
            {hiddenCompliant > 0 &&
              `; ${hiddenCompliant.toLocaleString(
                'en-US',
              )} compliant not shown`}
          </Text>
          {filtered && (
            <Button
              variant="tertiary"
              size="small"
              onPress={() => setQuery(DEFAULT_QUERY)}
            >
              Reset filters
            </Button>
          )}
        </Flex>
        {rows.length === 0 ? (
          <EmptyState
            missing="data"
            title={
              hiddenCompliant > 0
                ? 'Nothing to act on: every finding here is compliant'
                : 'No findings match the filters'
            }
            description={
              hiddenCompliant > 0
                ? `Choose ${lookOf('compliant').count(
                    hiddenCompliant,
                  )} to see them.`
                : 'Reset the filters to see more.'
            }
          />
        ) : (
          <Flex direction="column" gap="2" ref={tableTop}>
            <FindingsTable
              findings={pageRows}
              label="Findings"
              now={now}
              showEntity
            />
            <TablePagination
              pageSize={PAGE_SIZE}
              pageSizeOptions={[]}
              offset={offset}
              totalCount={rows.length}
              hasPreviousPage={page > 1}
              hasNextPage={page < pageCount}
              onPreviousPage={() => goToPage(page - 1)}
              onNextPage={() => goToPage(page + 1)}
              getLabel={() => rangeLabel(offset, pageRows.length, rows.length)}
            />
          </Flex>
        )}
      </Flex>
    );
  }

  return (
    <Container my="4">
      <Flex direction="column" gap="4">
        <PageHeading
          title="Retention across the estate"
          description="How long every domain and data product keeps its data, and whether it can be recovered, against the retention policy and the data contracts; worst first."
          extra={
            list.value && <LastScan lastScan={list.value.lastScan} now={now} />
          }
        >
          {!forbidden && (
            <Flex align="center" gap="2" style={{ flexWrap: 'wrap' }}>
              <Button
                variant="secondary"
                size="small"
                onPress={list.retry}
                isPending={list.loading && !!list.value}
              >
                Refresh
              </Button>
              <Button
                variant="secondary"
                size="small"
                iconStart={<ScanIcon fontSize="inherit" />}
                onPress={scan}
                isPending={scanning}
              >
                Scan now
              </Button>
              <Button
                variant="primary"
                size="small"
                iconStart={<DownloadIcon fontSize="inherit" />}
                onPress={download}
                isPending={downloading}
                isDisabled={!list.value || list.value.findings.length === 0}
              >
                Download CSV
              </Button>
            </Flex>
          )}
        </PageHeading>
        {!forbidden && query.area !== 'all' && list.value && (
          <Text as="p" variant="body-x-small" color="secondary">
            The CSV has the chosen verdicts and domain in both areas.
          </Text>
        )}
        <FeedbackRegion feedback={feedback} />
        {list.value && list.error && (
          <Alert
            status="warning"
            icon
            title={`Could not refresh; showing the result from ${
              list.loadedAt
                ? formatRelativeTime(list.loadedAt.toISOString(), now)
                : 'before'
            }`}
            description={reasonOf(list.error)}
          />
        )}
        {content}
      </Flex>
    </Container>
  );
}
