import { ReactNode } from 'react';
import { fireEvent, renderHook, screen, waitFor } from '@testing-library/react';
import {
  registerMswTestHooks,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { DomainOverviewResponse } from '@dataplatform/plugin-overview-common';
import { OverviewApi, overviewApiRef } from '../api';
import {
  domainDataProductsEntityCard,
  domainOverviewEntityCard,
  domainPeopleEntityCard,
  domainSandboxesEntityCard,
} from '../plugin';
import {
  renderDomainCards,
  salesOverview,
  serveDomain,
} from '../__testUtils__/domainFixtures';
import { errorResponse } from '../__testUtils__/fixtures';
import { SHARED_FOR_MS, useDomainOverview } from './useDomainOverview';

const server = setupServer();
registerMswTestHooks(server);

const ALL_CARDS = [
  domainOverviewEntityCard,
  domainDataProductsEntityCard,
  domainSandboxesEntityCard,
  domainPeopleEntityCard,
];

/** Resolves when every card of the page shows its content. */
async function expectAllCardsLoaded() {
  expect(
    await screen.findByRole('link', { name: 'Health: Unhealthy: 2 signals' }),
  ).toBeInTheDocument();
  expect(
    await screen.findByRole('table', { name: 'Data products of this domain' }),
  ).toBeInTheDocument();
  expect(
    await screen.findByRole('list', { name: 'Open sandboxes' }),
  ).toBeInTheDocument();
  expect(
    await screen.findByRole('list', { name: 'Members of the owner group' }),
  ).toBeInTheDocument();
}

describe('the cards of a Domain page', () => {
  it('share one request', async () => {
    const calls = serveDomain(server, salesOverview());
    renderDomainCards(ALL_CARDS);

    await expectAllCardsLoaded();
    expect(calls).toEqual(['/api/dataplatform-overview/domains/sales']);
  });

  it('fail together, and a retry in one card loads them all again', async () => {
    let calls = 0;
    serveDomain(server, () => {
      calls += 1;
      return calls === 1
        ? errorResponse(503, 'ServiceUnavailableError', 'starting up')
        : HttpResponse.json(salesOverview());
    });
    renderDomainCards(ALL_CARDS);

    await waitFor(() =>
      expect(screen.getAllByRole('button', { name: 'Retry' })).toHaveLength(4),
    );
    expect(calls).toBe(1);
    fireEvent.click(screen.getAllByRole('button', { name: 'Retry' })[3]);

    await expectAllCardsLoaded();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(calls).toBe(2);
  });
});

describe('useDomainOverview', () => {
  function fakeApi() {
    const getDomain = jest.fn(async (name: string) => {
      const overview = salesOverview();
      return {
        ...overview,
        row: { ...overview.row, name },
      } as DomainOverviewResponse;
    });
    const api = { getDomain } as unknown as OverviewApi;
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[[overviewApiRef, api]]}>
        {children}
      </TestApiProvider>
    );
    return { getDomain, wrapper };
  }

  afterEach(() => jest.restoreAllMocks());

  it('reads a domain once for every user within the sharing time, and again after it', async () => {
    const { getDomain, wrapper } = fakeApi();
    const first = renderHook(() => useDomainOverview('sales'), { wrapper });
    const second = renderHook(() => useDomainOverview('sales'), { wrapper });
    await waitFor(() => expect(second.result.current.value).toBeDefined());
    expect(first.result.current.value?.row.name).toBe('sales');
    expect(getDomain).toHaveBeenCalledTimes(1);

    const later = Date.now() + SHARED_FOR_MS + 1;
    jest.spyOn(Date, 'now').mockReturnValue(later);
    const third = renderHook(() => useDomainOverview('sales'), { wrapper });
    await waitFor(() => expect(third.result.current.value).toBeDefined());
    expect(getDomain).toHaveBeenCalledTimes(2);
  });

  it('reads each domain by its own name and never shows the previous one while the next loads', async () => {
    const { getDomain, wrapper } = fakeApi();
    let release: () => void = () => {};
    const { result, rerender } = renderHook(
      ({ name }: { name: string }) => useDomainOverview(name),
      { wrapper, initialProps: { name: 'sales' } },
    );
    await waitFor(() => expect(result.current.value?.row.name).toBe('sales'));

    getDomain.mockImplementationOnce(
      name =>
        new Promise(resolve => {
          release = () =>
            resolve({
              ...salesOverview(),
              row: { ...salesOverview().row, name },
            });
        }),
    );
    rerender({ name: 'hr' });
    expect(result.current.value).toBeUndefined();
    expect(result.current.loading).toBe(true);
    release();
    await waitFor(() => expect(result.current.value?.row.name).toBe('hr'));
    expect(getDomain.mock.calls.map(([name]) => name)).toEqual(['sales', 'hr']);
  });
});
