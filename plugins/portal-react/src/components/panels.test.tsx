import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import {
  LoadErrorPanel,
  StaleEvaluationWarning,
  StaleEvaluationMarker,
} from './panels';

async function failedWith(status: number, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'Error', message },
        response: { statusCode: status },
      }),
      {
        status,
        statusText: status === 404 ? 'Not Found' : 'Bad Gateway',
        headers: { 'content-type': 'application/json' },
      },
    ),
  );
}

describe('LoadErrorPanel', () => {
  it('shows what went wrong and retries on request', async () => {
    const onRetry = jest.fn();
    await renderInTestApp(
      <LoadErrorPanel
        title="Could not load the results"
        error={await failedWith(502, 'Upstream timed out')}
        onRetry={onRetry}
        notFoundTitle="No result yet"
        notFoundDescription="Evaluated every minute."
      />,
    );
    expect(
      await screen.findByText(/Could not load the results/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/Upstream timed out/).length).toBeGreaterThan(0);
    expect(screen.queryByText('No result yet')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('explains a 404 as no result yet, with a retry', async () => {
    const onRetry = jest.fn();
    await renderInTestApp(
      <LoadErrorPanel
        title="Could not load the results"
        error={await failedWith(404, 'not found')}
        onRetry={onRetry}
        notFoundTitle="No result yet"
        notFoundDescription="Evaluated every minute."
      />,
    );
    expect(await screen.findByText('No result yet')).toBeInTheDocument();
    expect(screen.getByText('Evaluated every minute.')).toBeInTheDocument();
    expect(
      screen.queryByText(/Could not load the results/),
    ).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('shows the caller’s own 404 message instead, when given', async () => {
    await renderInTestApp(
      <LoadErrorPanel
        title="Could not load the results"
        error={await failedWith(404, 'not found')}
        onRetry={() => {}}
        notFoundTitle="No result yet"
        notFoundDescription="Evaluated every minute."
        notFound={<p>This entity has no model</p>}
      />,
    );
    expect(
      await screen.findByText('This entity has no model'),
    ).toBeInTheDocument();
    expect(screen.queryByText('No result yet')).not.toBeInTheDocument();
  });
});

describe('stale evaluations', () => {
  it('say how old the evaluation is and what that means', async () => {
    await renderInTestApp(
      <StaleEvaluationWarning
        evaluatedAt="2026-03-12T08:31:00Z"
        now={new Date('2026-03-12T10:31:00Z')}
        intervals="scan intervals"
        consequence="the scan may not be running."
      />,
    );
    expect(
      await screen.findByText(
        'The last evaluation was 2 hours ago, more than three scan intervals ago; the scan may not be running.',
      ),
    ).toBeInTheDocument();
  });

  it('leave out the age when it is unknown', async () => {
    await renderInTestApp(
      <StaleEvaluationWarning
        now={new Date('2026-03-12T10:31:00Z')}
        intervals="evaluation intervals"
        consequence="the backend may be down."
      />,
    );
    expect(
      await screen.findByText(
        'The last evaluation, more than three evaluation intervals ago; the backend may be down.',
      ),
    ).toBeInTheDocument();
  });

  it('mark a row as stale with the reason on hover', async () => {
    await renderInTestApp(
      <StaleEvaluationMarker title="Older than three scans" />,
    );
    expect(
      await screen.findByTitle('Older than three scans'),
    ).toHaveTextContent('stale');
  });
});
