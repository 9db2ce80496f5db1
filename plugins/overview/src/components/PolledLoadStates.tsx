import { Progress } from '@backstage/core-components';
import { Alert, Button } from '@backstage/ui';
import {
  LoadErrorPanel,
  PolledAsyncState,
  reasonOf,
} from '@dataplatform/portal-react';
import { formatUtcTime } from './concerns';

/** The Retry button of an alert about a failed load. */
export function RetryButton(props: { onRetry: () => void; loading: boolean }) {
  return (
    <Button
      variant="secondary"
      size="small"
      onPress={props.onRetry}
      isPending={props.loading}
    >
      Retry
    </Button>
  );
}

/**
 * What a polled page shows before it has a value: the error panel once the
 * first load failed, else a progress bar.
 */
export function FirstLoadState(props: {
  state: PolledAsyncState<unknown>;
  /** "Could not load …". */
  title: string;
}) {
  const { state } = props;
  if (state.error && !state.loading) {
    return (
      <LoadErrorPanel
        title={props.title}
        error={state.error}
        onRetry={state.retry}
        retrying={state.loading}
        notFoundTitle="The overview backend is not installed"
        notFoundDescription={reasonOf(state.error)}
      />
    );
  }
  return <Progress />;
}

/**
 * A warning that the last refresh failed while the page keeps showing what
 * it loaded before; nothing while the last refresh succeeded.
 */
export function RefreshFailedAlert(props: {
  state: PolledAsyncState<unknown>;
  /** "Could not refresh …". */
  title: string;
  /** What is still shown, as in "Showing the domains as loaded at …". */
  shown: string;
}) {
  const { state } = props;
  if (!state.error) return null;
  return (
    <Alert
      status="warning"
      icon
      title={props.title}
      description={`Showing ${props.shown} as loaded${
        state.loadedAt
          ? ` at ${formatUtcTime(state.loadedAt.toISOString())}`
          : ''
      }: ${reasonOf(state.error)}`}
      customActions={
        <RetryButton onRetry={state.retry} loading={state.loading} />
      }
    />
  );
}
