import { render, screen } from '@testing-library/react';
import App from './App';

// The app reads its config once per test file; App.demo.test.tsx covers the
// demo configuration.
describe('App', () => {
  it('asks people to sign in with their Contoso account', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    expect(
      await screen.findByText('Sign in with your Contoso account'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Sign in as / })).toBeNull();
  });
});
