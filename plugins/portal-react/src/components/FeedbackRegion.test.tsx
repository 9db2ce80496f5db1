import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { FeedbackRegion } from './FeedbackRegion';

describe('FeedbackRegion', () => {
  it('is an empty live region until there is feedback', async () => {
    await renderInTestApp(<FeedbackRegion />);
    const region = screen.getByRole('status');
    expect(region).toHaveAttribute('aria-live', 'polite');
    expect(region).toBeEmptyDOMElement();
  });

  it('shows the title and text inside the live region', async () => {
    await renderInTestApp(
      <FeedbackRegion
        feedback={{
          status: 'danger',
          title: 'Could not start a refresh',
          text: 'The backend is unavailable',
        }}
      />,
    );
    const region = screen.getByRole('status');
    expect(region).toHaveTextContent('Could not start a refresh');
    expect(region).toHaveTextContent('The backend is unavailable');
  });
});
