import { useState } from 'react';
import { fireEvent, screen } from '@testing-library/react';
import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  ApiHolder,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { createAsyncValidators } from '@backstage/plugin-scaffolder-react/alpha';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { BASE, errorResponse } from '../../__testUtils__/fixtures';
import {
  DomainNameInput,
  SandboxNameInput,
  validateDomainName,
  validateSandboxName,
} from './fields';

const server = setupServer();
registerMswTestHooks(server);

/** The APIs the scaffolder hands to a field's validation. */
const apiHolder: ApiHolder = {
  get: ref => {
    if (ref.id === discoveryApiRef.id) {
      return mockApis.discovery({ baseUrl: 'http://localhost:7007' }) as any;
    }
    if (ref.id === fetchApiRef.id) {
      return mockApis.fetch() as any;
    }
    return undefined;
  },
};

/** Runs the validators the way the scaffolder's form does, for one step. */
async function errorsFor(value: unknown, field: 'DomainName' | 'SandboxName') {
  const validate = createAsyncValidators(
    {
      type: 'object',
      properties: { name: { type: 'string', 'ui:field': field } },
    },
    // The form hands each validator the value of its own field, a string here.
    {
      DomainName: validateDomainName as CustomFieldValidator<unknown, unknown>,
      SandboxName: validateSandboxName as CustomFieldValidator<
        unknown,
        unknown
      >,
    },
    { apiHolder },
  );
  const result = await validate({ name: value as string });
  return (result.name as { __errors?: string[] })?.__errors ?? [];
}

describe('DomainName field validation', () => {
  it("reports the backend's collision message", async () => {
    server.use(
      http.get(`${BASE}/domain-names/sales/availability`, () =>
        HttpResponse.json({
          available: false,
          problems: [
            {
              field: 'name',
              message:
                '"sales" is taken: domain:default/sales already exists in the catalog',
            },
            {
              field: 'name',
              message:
                '"sales" is taken: subscription alias dp-domain-sales exists in Azure',
            },
          ],
        }),
      ),
    );

    await expect(errorsFor('sales', 'DomainName')).resolves.toEqual([
      'Name "sales" is taken: domain:default/sales already exists in the catalog',
      'Name "sales" is taken: subscription alias dp-domain-sales exists in Azure',
    ]);
  });

  it('accepts a free name', async () => {
    server.use(
      http.get(`${BASE}/domain-names/marketing/availability`, () =>
        HttpResponse.json({ available: true, problems: [] }),
      ),
    );

    await expect(errorsFor('marketing', 'DomainName')).resolves.toEqual([]);
  });

  it('refuses a name breaking the rule without asking the backend', async () => {
    const asked = jest.fn();
    server.use(
      http.get(`${BASE}/domain-names/:name/availability`, () => {
        asked();
        return HttpResponse.json({ available: true, problems: [] });
      }),
    );

    await expect(errorsFor('Fin_ance', 'DomainName')).resolves.toEqual([
      'Name "Fin_ance" breaks Azure naming rules; allowed: 3-30 lowercase letters, digits and single hyphens, starting with a letter and not ending with a hyphen',
    ]);
    await expect(errorsFor('platform', 'DomainName')).resolves.toEqual([
      'Name "platform" is reserved for the platform; choose another name',
    ]);
    expect(asked).not.toHaveBeenCalled();
  });

  it('says the name could not be checked when the backend fails', async () => {
    server.use(
      http.get(`${BASE}/domain-names/sales/availability`, () =>
        errorResponse(503, 'ServiceUnavailableError', 'catalog unreachable'),
      ),
    );

    await expect(errorsFor('sales', 'DomainName')).resolves.toEqual([
      'Name "sales" could not be checked against the catalog and Azure: catalog unreachable. Try again in a moment.',
    ]);
  });
});

describe('SandboxName field validation', () => {
  it('reports the name problems of the lease validation only', async () => {
    server.use(
      http.post(`${BASE}/sandbox-leases/validate`, () =>
        HttpResponse.json({
          problems: [
            {
              field: 'name',
              message: '"churn" is used by lease lease-churn (expiring)',
            },
            { field: 'purpose', message: 'is required (10-500 characters)' },
          ],
        }),
      ),
    );

    await expect(errorsFor('churn', 'SandboxName')).resolves.toEqual([
      'Name "churn" is used by lease lease-churn (expiring)',
    ]);
  });
});

function Harness(props: { kind: 'domain' | 'sandbox' }) {
  const [value, setValue] = useState<string | undefined>();
  const Input = props.kind === 'domain' ? DomainNameInput : SandboxNameInput;
  const fieldProps = {
    onChange: setValue,
    formData: value,
    required: true,
    rawErrors: [],
    schema: { title: 'Short name' },
    uiSchema: {},
    idSchema: { $id: 'root_name' },
  } as any;
  return <Input {...fieldProps} />;
}

describe('DomainName field', () => {
  it('lowercases what people type and shows the Azure names it becomes', async () => {
    await renderInTestApp(<Harness kind="domain" />);

    const input = screen.getByRole('textbox', { name: /Short name/ });
    expect(
      screen.getByText(
        'Subscription alias dp-domain-<name>, Log Analytics workspace log-dp-<name>',
      ),
    ).toBeInTheDocument();

    fireEvent.change(input, { target: { value: 'Supply-Chain' } });
    expect(input).toHaveValue('supply-chain');
    expect(
      screen.getByText(
        'Subscription alias dp-domain-supply-chain, Log Analytics workspace log-dp-supply-chain',
      ),
    ).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'false');
  });

  it('flags a name breaking the rule as it is typed', async () => {
    await renderInTestApp(<Harness kind="domain" />);

    const input = screen.getByRole('textbox', { name: /Short name/ });
    fireEvent.change(input, { target: { value: 'ab-' } });
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(
      screen.getByText(/^Name "ab-" breaks Azure naming rules/),
    ).toBeInTheDocument();
  });
});

describe('SandboxName field', () => {
  it('shows the sandbox alias and catalog resource', async () => {
    await renderInTestApp(<Harness kind="sandbox" />);

    fireEvent.change(screen.getByRole('textbox', { name: /Short name/ }), {
      target: { value: 'GenAI' },
    });
    expect(
      screen.getByText(
        'Subscription alias dp-sandbox-genai, catalog resource sandbox-genai',
      ),
    ).toBeInTheDocument();
  });
});
