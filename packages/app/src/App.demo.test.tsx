import { render, screen } from '@testing-library/react';
import App from './App';

describe('App with demo personas', () => {
  it('offers the demo people to sign in as', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
            dataplatform: {
              demoPersonas: [
                {
                  userEntityRef: 'user:default/priya.patel',
                  displayName: 'Priya Patel',
                  persona: 'platform-engineer',
                  description: 'Runs the landing zone.',
                },
                {
                  userEntityRef: 'user:default/diego.alvarez',
                  displayName: 'Diego Alvarez',
                  persona: 'data-citizen',
                  description: 'Looks for sales data.',
                },
              ],
            },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    expect(
      await screen.findByRole('heading', { name: 'Data Platform Portal' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Sign in as Priya Patel' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Sign in as Diego Alvarez' }),
    ).toBeInTheDocument();
  });
});
