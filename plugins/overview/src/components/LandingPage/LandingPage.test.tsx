import { Route, Routes, useLocation } from 'react-router-dom';
import { screen, waitFor, within, fireEvent } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { MeResponse, Persona } from '@dataplatform/plugin-overview-common';
import { OverviewApi, overviewApiRef } from '../../api';
import { me } from '../../__testUtils__/fixtures';
import { LandingPage, landingPathOf } from './LandingPage';

function fakeApi(getMe: () => Promise<MeResponse>) {
  return {
    getPlatformHome: jest.fn(),
    getDomain: jest.fn(),
    getMe: jest.fn(getMe),
    getMyDomains: jest.fn(),
  } satisfies OverviewApi;
}

function Location() {
  const location = useLocation();
  return <div data-testid="location">{location.pathname}</div>;
}

function renderLanding(api: OverviewApi) {
  return renderInTestApp(
    <Routes>
      <Route path="/" element={<LandingPage />} />
      <Route path="*" element={<Location />} />
    </Routes>,
    { apis: [[overviewApiRef, api]], initialRouteEntries: ['/'] },
  );
}

describe('LandingPage', () => {
  it.each<[Persona, string]>([
    ['platform-team', '/platform'],
    ['domain-owner', '/my-domains'],
    ['data-citizen', '/data-products'],
  ])('sends %s to %s', async (persona, path) => {
    const api = fakeApi(async () => me(persona));
    renderLanding(api);

    expect(await screen.findByTestId('location')).toHaveTextContent(path);
    expect(screen.getByTestId('location').textContent).toBe(path);
    expect(api.getMe).toHaveBeenCalledTimes(1);
  });

  it('shows progress while it asks who the person is', async () => {
    let answer: (value: MeResponse) => void = () => {};
    renderLanding(
      fakeApi(() => new Promise<MeResponse>(resolve => (answer = resolve))),
    );

    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(screen.queryByTestId('location')).not.toBeInTheDocument();
    answer(me('domain-owner', ['sales']));
    await waitFor(() =>
      expect(screen.getByTestId('location').textContent).toBe('/my-domains'),
    );
  });

  it('on a failure says why, links the three pages and tries again on Retry', async () => {
    const failure = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'Error',
            message: 'dataplatform-overview is starting',
          },
          response: { statusCode: 503 },
        }),
        { status: 503, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    const answers: Array<MeResponse | Error> = [failure, me('platform-team')];
    const api = fakeApi(async () => {
      const answer = answers.shift()!;
      if (answer instanceof Error) throw answer;
      return answer;
    });
    renderLanding(api);

    expect(
      await screen.findByText('Could not tell which page is yours'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('dataplatform-overview is starting'),
    ).toBeInTheDocument();
    const pages = screen.getByRole('navigation', { name: 'Pages' });
    expect(
      within(pages)
        .getAllByRole('link')
        .map(link => [link.textContent, link.getAttribute('href')]),
    ).toEqual([
      ['Platform home', '/platform'],
      ['My domains', '/my-domains'],
      ['Data products', '/data-products'],
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() =>
      expect(screen.getByTestId('location').textContent).toBe('/platform'),
    );
    expect(api.getMe).toHaveBeenCalledTimes(2);
  });

  it('never follows a landing path that leaves the portal', () => {
    expect(
      landingPathOf({
        persona: 'domain-owner',
        landingPath: '//evil.example/phish',
        domains: [],
      }),
    ).toBe('/my-domains');
    expect(
      landingPathOf({
        persona: 'platform-team',
        landingPath: 'https://evil.example',
        domains: [],
      }),
    ).toBe('/platform');
    expect(
      landingPathOf({
        persona: 'data-citizen',
        landingPath: '/data-products?layer=gold',
        domains: [],
      }),
    ).toBe('/data-products?layer=gold');
  });
});
