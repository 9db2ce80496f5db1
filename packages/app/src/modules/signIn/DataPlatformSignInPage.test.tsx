import { Suspense } from 'react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { IdentityApi } from '@backstage/frontend-plugin-api';
import { DataPlatformSignInPage } from './DataPlatformSignInPage';
import { DEMO_PERSONA_STORAGE_KEY } from './personas';

const personas = [
  {
    userEntityRef: 'user:default/priya.patel',
    displayName: 'Priya Patel',
    persona: 'platform-engineer',
    description: 'Runs the landing zone and the Azure estate.',
  },
  {
    userEntityRef: 'user:default/fatima.osei',
    displayName: 'Fatima Osei',
    persona: 'domain-owner',
    description: 'Owns the Finance domain.',
  },
  {
    userEntityRef: 'user:default/diego.alvarez',
    displayName: 'Diego Alvarez',
    persona: 'data-citizen',
    description: 'Analyst looking for sales data.',
  },
];

const config = {
  app: { title: 'Data Platform Portal', baseUrl: 'http://localhost:3000' },
  backend: { baseUrl: 'http://localhost:7007' },
  dataplatform: { demoPersonas: personas },
};

const REFRESH_URL = 'http://localhost:7007/api/auth/demo-personas/refresh';

function base64Url(value: object) {
  return btoa(JSON.stringify(value))
    .replace(/=+$/, '')
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}

function session(userEntityRef: string, displayName: string) {
  const token = [
    base64Url({ alg: 'none' }),
    base64Url({
      sub: userEntityRef,
      exp: Math.floor(Date.now() / 1000) + 3600,
    }),
    'signature',
  ].join('.');
  return {
    profile: { displayName },
    backstageIdentity: {
      token,
      identity: {
        type: 'user',
        userEntityRef,
        ownershipEntityRefs: [userEntityRef],
      },
    },
  };
}

/** Answers the demo-personas refresh endpoint like the auth backend does. */
function mockAuthBackend(options: { refuse?: string } = {}) {
  return jest.spyOn(global, 'fetch').mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url !== REFRESH_URL) {
      return new Response('not found', { status: 404 });
    }
    const ref = new Headers(init?.headers).get('x-demo-persona') ?? '';
    if (ref === options.refuse) {
      return new Response(
        JSON.stringify({
          error: {
            name: 'NotAllowedError',
            message: `${ref} is not a demo persona`,
          },
          request: { method: 'GET', url: '/api/auth/demo-personas/refresh' },
          response: { statusCode: 403 },
        }),
        {
          status: 403,
          statusText: 'Forbidden',
          headers: { 'content-type': 'application/json' },
        },
      );
    }
    const persona = personas.find(p => p.userEntityRef === ref);
    return new Response(
      JSON.stringify(session(ref, persona?.displayName ?? ref)),
      { status: 200, headers: { 'content-type': 'application/json' } },
    );
  });
}

describe('DataPlatformSignInPage', () => {
  afterEach(() => {
    jest.restoreAllMocks();
    localStorage.clear();
  });

  it('lists the demo people by kind, each with a sign-in button', async () => {
    mockAuthBackend();
    await renderInTestApp(
      <DataPlatformSignInPage onSignInSuccess={jest.fn()} />,
      { config },
    );

    expect(
      await screen.findByRole('heading', { name: 'Data Platform Portal' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Sign in as one of the demo people to try the portal from their point of view',
      ),
    ).toBeInTheDocument();
    for (const kind of [
      'Platform engineers',
      'Domain owners',
      'Data citizens',
    ]) {
      expect(screen.getByRole('heading', { name: kind })).toBeInTheDocument();
    }
    for (const persona of personas) {
      expect(
        screen.getByRole('button', {
          name: `Sign in as ${persona.displayName}`,
        }),
      ).toBeInTheDocument();
      expect(screen.getByText(persona.description)).toBeInTheDocument();
    }
    expect(global.fetch).not.toHaveBeenCalled();
  });

  it('signs in as the chosen person through the demo-personas provider and remembers the choice', async () => {
    const fetchSpy = mockAuthBackend();
    const onSignInSuccess = jest.fn();
    await renderInTestApp(
      <DataPlatformSignInPage onSignInSuccess={onSignInSuccess} />,
      { config },
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Sign in as Fatima Osei' }),
    );

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    const identity: IdentityApi = onSignInSuccess.mock.calls[0][0];
    await expect(identity.getBackstageIdentity()).resolves.toMatchObject({
      userEntityRef: 'user:default/fatima.osei',
    });
    expect(fetchSpy).toHaveBeenCalledWith(
      REFRESH_URL,
      expect.objectContaining({ headers: expect.any(Headers) }),
    );
    expect(localStorage.getItem(DEMO_PERSONA_STORAGE_KEY)).toBe(
      'user:default/fatima.osei',
    );

    // Signing out forgets the person, so the picker shows after the reload.
    await identity.signOut();
    expect(localStorage.getItem(DEMO_PERSONA_STORAGE_KEY)).toBeNull();
  });

  it('signs the remembered person straight back in after a reload', async () => {
    mockAuthBackend();
    localStorage.setItem(DEMO_PERSONA_STORAGE_KEY, 'user:default/priya.patel');
    const onSignInSuccess = jest.fn();
    await renderInTestApp(
      <DataPlatformSignInPage onSignInSuccess={onSignInSuccess} />,
      { config },
    );

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    await expect(
      onSignInSuccess.mock.calls[0][0].getBackstageIdentity(),
    ).resolves.toMatchObject({ userEntityRef: 'user:default/priya.patel' });
    expect(
      screen.queryByRole('button', { name: 'Sign in as Priya Patel' }),
    ).toBeNull();
  });

  it('shows the picker again with the reason when the person may not sign in', async () => {
    mockAuthBackend({ refuse: 'user:default/diego.alvarez' });
    const onSignInSuccess = jest.fn();
    await renderInTestApp(
      <DataPlatformSignInPage onSignInSuccess={onSignInSuccess} />,
      { config },
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Sign in as Diego Alvarez' }),
    );

    expect(
      await screen.findByText('Could not sign in as Diego Alvarez'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('user:default/diego.alvarez is not a demo persona'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Sign in as Diego Alvarez' }),
    ).toBeInTheDocument();
    expect(localStorage.getItem(DEMO_PERSONA_STORAGE_KEY)).toBeNull();
    expect(onSignInSuccess).not.toHaveBeenCalled();
  });

  it('offers Microsoft sign-in when no demo people are configured', async () => {
    mockAuthBackend();
    // The standard sign-in page loads its translations lazily.
    await renderInTestApp(
      <Suspense fallback={null}>
        <DataPlatformSignInPage onSignInSuccess={jest.fn()} />
      </Suspense>,
      {
        config: {
          app: {
            title: 'Data Platform Portal',
            baseUrl: 'http://localhost:3000',
          },
          backend: { baseUrl: 'http://localhost:7007' },
        },
      },
    );

    expect(
      await screen.findByText('Sign in with your Contoso account'),
    ).toBeInTheDocument();
    expect(screen.getByText('Microsoft')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Sign in as / })).toBeNull();
  });
});
