import { useEffect, useState } from 'react';
import { Text } from '@backstage/ui';
import { formatDateTime, formatRelativeTime } from './format';

/** The current time, updated every `intervalMs` so relative times stay true. */
export function useNow(intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** "Estate data as of 2 minutes ago", with the exact time on hover. */
export function DataAge(props: { fetchedAt: string }) {
  const now = useNow();
  return (
    <Text variant="body-small" color="secondary">
      Estate data as of{' '}
      <time dateTime={props.fetchedAt} title={formatDateTime(props.fetchedAt)}>
        {formatRelativeTime(props.fetchedAt, now)}
      </time>
    </Text>
  );
}
