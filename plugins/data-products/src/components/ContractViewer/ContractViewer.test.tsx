import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderTestApp } from '@backstage/frontend-test-utils';
import {
  createTestEntityPage,
  catalogApiMock,
} from '@backstage/plugin-catalog-react/testUtils';
import { contractEntityContent } from '../../plugin';
import { contractApi, readOdcsExample } from '../../__testUtils__/fixtures';

function renderContract(definition: unknown, type = 'odcs') {
  const entity = contractApi({ name: 'orders', definition, type });
  return renderTestApp({
    extensions: [createTestEntityPage({ entity }), contractEntityContent],
    apis: [catalogApiMock({ entities: [entity] })],
  });
}

function openTab(name: string) {
  fireEvent.click(screen.getByRole('tab', { name }));
  return screen.getByRole('tabpanel');
}

/** The row headed by `name` (a column, rule target, property…). */
function row(table: HTMLElement, name: string): HTMLElement {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return within(table)
    .getByRole('rowheader', { name: new RegExp(`^(↳ )?${escaped}(\\s|$)`) })
    .closest('tr') as HTMLElement;
}

const INVALID = `apiVersion: v3.1.0
kind: DataContract
id: orders
version: 1.0.0
name: Orders
schema:
  - name: orders
    properties:
      - name: order_id
        logicalType: integer
        primaryKey: true
      - name: customer_email
        logicalType: text
        tags: [pii]
        classification: restricted
`;

// Checking the full example compiles the ODCS schema first, which is slow
// on a busy machine; the tests that use it get more time.
describe('ContractViewer', () => {
  it('reads the full ODCS example: overview, schema columns with sensitive data marked, and the other sections', async () => {
    renderContract(readOdcsExample('all_full-example.odcs.yaml'));

    // The first check compiles the ODCS schema, which takes a moment.
    expect(
      await screen.findByText(
        'Valid ODCS v3.1.0 contract',
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'my quantum' }),
    ).toBeInTheDocument();

    const overview = screen.getByRole('tabpanel');
    expect(
      within(overview).getByText('53581432-6c55-4ba2-a65f-72344a91553a'),
    ).toBeInTheDocument();
    expect(
      within(overview).getByText('Views built on top of the seller tables.'),
    ).toBeInTheDocument();
    expect(
      within(overview).getByText('Predict sales over time'),
    ).toBeInTheDocument();
    expect(
      within(overview).getByRole('link', {
        name: 'Canonical URL to the latest version of the contract.',
      }),
    ).toHaveAttribute(
      'href',
      'https://github.com/bitol-io/open-data-contract-standard/blob/main/docs/examples/all/full-example.odcs.yaml',
    );

    const schema = openTab('Schema');
    const tbl = within(schema).getByRole('table', { name: 'Columns of tbl' });
    const headers = within(tbl).getAllByRole('rowheader');
    expect(headers).toHaveLength(3);
    ['transaction_reference_date', 'rcvr_id', 'rcvr_cntry_code'].forEach(
      (name, index) =>
        expect(headers[index]).toHaveAccessibleName(new RegExp(`^${name}\\s`)),
    );

    const receiverId = row(tbl, 'rcvr_id');
    expect(within(receiverId).getByText('varchar(18)')).toBeInTheDocument();
    expect(within(receiverId).getByText('Yes (1)')).toBeInTheDocument();
    expect(
      within(receiverId).getByTitle('Sensitive data: classified restricted'),
    ).toHaveTextContent('restricted');

    const countryCode = row(tbl, 'rcvr_cntry_code');
    expect(
      within(countryCode).getByTitle('Classified public'),
    ).toBeInTheDocument();
    expect(within(countryCode).queryByTitle(/Sensitive data/)).toBeNull();

    const receivers = within(schema).getByRole('region', {
      name: 'Schema object receivers',
    });
    expect(
      within(receivers).getByText('2 sensitive columns'),
    ).toBeInTheDocument();
    expect(
      row(within(receivers).getByRole('table'), 'receiver_name'),
    ).toHaveTextContent(
      /receiver name.*string.*varchar\(255\).*Name of the receiver.*restricted.*Yes.*No/,
    );

    const quality = openTab('Quality');
    const rowCount = row(within(quality).getByRole('table'), 'tbl');
    expect(rowCount).toHaveTextContent(
      'Ensure row count is within expected volume range',
    );
    expect(rowCount).toHaveTextContent('row count');
    expect(rowCount).toHaveTextContent('must be greater than 1000000');
    expect(rowCount).toHaveTextContent('0 20 * * * (cron)');
    expect(
      row(within(quality).getByRole('table'), 'tbl.rcvr_cntry_code'),
    ).toHaveTextContent(
      /column should not contain null values.*Completeness.*library.*null values.*must be 0.*error/,
    );

    const sla = openTab('SLA');
    expect(row(within(sla).getByRole('table'), 'Latency')).toHaveTextContent(
      /Latency.*4.*d.*tab1\.txn_ref_dt/,
    );
    expect(row(within(sla).getByRole('table'), 'Frequency')).toHaveTextContent(
      '1',
    );

    const servers = openTab('Servers');
    expect(
      row(within(servers).getByRole('table'), 'my-postgres'),
    ).toHaveTextContent(
      /postgres.*Host:.*localhost.*Port:.*5432.*Database:.*pypl-edw.*Schema:.*pp_access_views/,
    );

    const roles = openTab('Roles & team');
    expect(
      row(
        within(roles).getByRole('table', { name: 'Access roles' }),
        'microstrategy_user_opr',
      ),
    ).toHaveTextContent(/read.*Reporting Manager.*mandolorian/);
    expect(
      row(
        within(roles).getByRole('table', { name: 'Team members' }),
        'ceastwood',
      ),
    ).toHaveTextContent(
      /Data Scientist.*2022-08-02.*2022-10-01 \(replaced by mhopper\)/,
    );

    const support = openTab('Support & pricing');
    expect(
      within(support).getByRole('link', { name: 'Feedback' }),
    ).toHaveAttribute('href', 'https://product-feedback.com');
    expect(
      within(support).getByText('9.95 USD per megabyte'),
    ).toBeInTheDocument();

    const custom = openTab('Custom properties');
    expect(
      row(within(custom).getByRole('table'), 'refRulesetName'),
    ).toHaveTextContent('gcsc.ruleset.name');

    const raw = openTab('Raw YAML');
    await waitFor(() =>
      expect(raw).toHaveTextContent('dataProduct: my quantum'),
    );
  }, 30_000);

  it('lists every error with its path at the top and marks the columns they are about', async () => {
    renderContract(INVALID);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      /This contract does not follow ODCS v3\.1\.0: \d+ errors?/,
    );
    const errors = within(alert).getByRole('list', { name: 'Contract errors' });
    const items = within(errors).getAllByRole('listitem');
    expect(items.length).toBeGreaterThanOrEqual(2);
    for (const item of items) {
      expect(item.textContent).toMatch(/^\/\S* — .+/);
    }
    expect(
      items.some(item =>
        item.textContent!.startsWith('/schema/0/properties/1/logicalType — '),
      ),
    ).toBe(true);
    // The missing status is reported on the document itself.
    expect(items.some(item => /status/.test(item.textContent!))).toBe(true);

    // What could be read is still shown, with the faulty column marked.
    const schema = openTab('Schema');
    const table = within(schema).getByRole('table', {
      name: 'Columns of orders',
    });
    const email = row(table, 'customer_email');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(within(email).getByText('PII')).toBeInTheDocument();
    expect(
      within(email).getByTitle('Sensitive data: classified restricted'),
    ).toBeInTheDocument();
    expect(email.nextElementSibling).toHaveTextContent(
      /\/schema\/0\/properties\/1\/logicalType — /,
    );
    expect(row(table, 'order_id')).not.toHaveAttribute('aria-invalid');
  });

  it('shows the errors and the raw text when the definition is not even YAML', async () => {
    renderContract('apiVersion: v3.1.0\nschema: [\n  - name: {\n');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/^.*does not follow ODCS/);
    const items = within(alert).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent(/^\/ — YAML syntax error at line \d+/);
    expect(screen.getAllByRole('tab').map(tab => tab.textContent)).toEqual([
      'Raw YAML',
    ]);
    expect(screen.getByRole('tabpanel')).toHaveTextContent('schema: [');
  });

  it('says so when the API has no definition', async () => {
    renderContract(null);

    expect(await screen.findByRole('alert')).toHaveTextContent(
      /this API has no definition/,
    );
    expect(screen.getByRole('tabpanel')).toHaveTextContent(
      'This API has no definition.',
    );
  });

  it('shows what it can of a document with odd shapes instead of failing', async () => {
    renderContract(`apiVersion: 3
kind: DataContract
id: [1, 2]
name: Odd
tags: sales
description: A plain string description
schema:
  - null
  - name: things
    properties:
      - 42
      - name: nested
        logicalType: object
        properties:
          - name: inner
            logicalType: array
            items: { logicalType: string }
        quality: "not a list"
  - properties: "none"
slaProperties: { property: latency }
servers:
  - server: s1
    type: weird
    extra: { a: 1 }
team: [ { username: bob } ]
support: "mail us"
price: { priceAmount: free }
customProperties: [ { property: k, value: { nested: [1, 2] } } ]
`);

    expect(await screen.findByRole('alert')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Odd' })).toBeInTheDocument();
    expect(screen.getByRole('tabpanel')).toHaveTextContent(
      'A plain string description',
    );

    const schema = openTab('Schema');
    const things = within(schema).getByRole('table', {
      name: 'Columns of things',
    });
    expect(row(things, 'inner')).toHaveTextContent('array of string');
    expect(
      within(schema).getByRole('region', { name: 'Schema object (object 3)' }),
    ).toHaveTextContent('This object lists no columns.');

    expect(openTab('Servers')).toHaveTextContent(/s1.*weird.*extra:.*a: 1/);
    expect(openTab('Roles & team')).toHaveTextContent('bob');
    expect(openTab('Support & pricing')).toHaveTextContent('free');
    expect(openTab('Custom properties')).toHaveTextContent('nested: 1, 2');
  });

  it('is offered only on API entities of type odcs', async () => {
    renderContract('openapi: 3.0.0', 'openapi');

    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
  });
});
