import { ReactNode } from 'react';
import { Link, Progress } from '@backstage/core-components';
import { EntityInfoCard, useEntity } from '@backstage/plugin-catalog-react';
import { Flex, Text } from '@backstage/ui';
import {
  daysUntil,
  DomainOverviewResponse,
} from '@dataplatform/plugin-overview-common';
import { LoadErrorPanel, plural, reasonOf } from '@dataplatform/portal-react';
import { useDomainOverview } from './useDomainOverview';

/**
 * A card of a Domain page: reads the domain's overview (one request shared
 * by the page's cards) and shows it with `children`, or progress, or why it
 * could not with a retry. A 404 means the overview has not seen the domain
 * yet (it reads the catalog every few seconds), which is said as such.
 */
export function DomainCardFrame(props: {
  title: string;
  /** What the card shows, for "Could not load the … of this domain". */
  what: string;
  children: (overview: DomainOverviewResponse) => ReactNode;
}) {
  const { entity } = useEntity();
  const { value, error, loading, retry } = useDomainOverview(
    entity.metadata.name,
  );

  let body: ReactNode;
  if (value) {
    body = props.children(value);
  } else if (error) {
    body = (
      <LoadErrorPanel
        title={`Could not load the ${props.what} of this domain`}
        error={error}
        onRetry={retry}
        retrying={loading}
        notFoundTitle="The overview backend does not know this domain yet"
        notFoundDescription={
          <Flex direction="column" gap="1">
            <span>
              It reads the catalog every few seconds; a domain registered a
              moment ago shows here shortly. If it stays like this, check that
              the domain is in the catalog.
            </span>
            <span>{reasonOf(error)}</span>
          </Flex>
        }
      />
    );
  } else {
    body = <Progress />;
  }
  return <EntityInfoCard title={props.title}>{body}</EntityInfoCard>;
}

const wholeNumber = new Intl.NumberFormat('en-US', {
  maximumFractionDigits: 0,
});

/** "12,000 USD"; the amount alone without a currency. */
export function money(amount: number, currency?: string): string {
  const figure = wholeNumber.format(amount);
  return currency ? `${figure} ${currency}` : figure;
}

/**
 * "ends 2027-01-31, in 68 days", "ends 2026-11-24, today", "ended
 * 2026-11-20, 4 days ago".
 */
export function expiryText(expiresOn: string, days: number): string {
  if (days < 0) return `ended ${expiresOn}, ${plural(-days, 'day')} ago`;
  if (days === 0) return `ends ${expiresOn}, today`;
  return `ends ${expiresOn}, in ${plural(days, 'day')}`;
}

/**
 * Whole days from the browser's today to `day`; undefined when `day` is not
 * a calendar day, so the day is shown as given without a count.
 */
export function daysTo(day: string, now: Date): number | undefined {
  try {
    return daysUntil(day, now);
  } catch {
    return undefined;
  }
}

/** "ends 2027-01-31, in 68 days", or the day alone when it cannot be counted. */
export function expiryPhrase(day: string, now: Date): string {
  const days = daysTo(day, now);
  return days === undefined ? `ends ${day}` : expiryText(day, days);
}

/** A card's "nothing here yet" line with the template that adds one. */
export function CardEmptyState(props: {
  message: string;
  actionTo: string;
  actionLabel: string;
}) {
  return (
    <Flex direction="column" gap="2" align="start">
      <Text as="p" variant="body-small" color="secondary" style={{ margin: 0 }}>
        {props.message}
      </Text>
      <Link to={props.actionTo}>{props.actionLabel}</Link>
    </Flex>
  );
}
