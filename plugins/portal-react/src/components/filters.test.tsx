import { useState } from 'react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ToggleButton } from '@backstage/ui';
import { CaptionedToggleButtonGroup, LabelledSelect } from './filters';

describe('LabelledSelect', () => {
  it('is named by its label and reports the chosen value', async () => {
    const onChange = jest.fn();
    await renderInTestApp(
      <LabelledSelect id="domain" label="Domain" value="" onChange={onChange}>
        <option value="">Every domain</option>
        <option value="finance">finance</option>
      </LabelledSelect>,
    );
    const select = screen.getByRole('combobox', { name: 'Domain' });
    expect(select).toHaveValue('');
    await userEvent.selectOptions(select, 'finance');
    expect(onChange).toHaveBeenCalledWith('finance');
  });
});

describe('CaptionedToggleButtonGroup', () => {
  function Kinds() {
    const [kinds, setKinds] = useState<string[]>([]);
    return (
      <>
        <CaptionedToggleButtonGroup
          captionId="kind-caption"
          caption="Kind (none chosen: every kind)"
          aria-label="Filter by kind"
          selectionMode="multiple"
          selectedKeys={kinds}
          onSelectionChange={keys => setKinds([...keys].map(String).sort())}
        >
          <ToggleButton id="budget">Budget</ToggleButton>
          <ToggleButton id="anomaly">Anomaly</ToggleButton>
        </CaptionedToggleButtonGroup>
        <output>{kinds.join(',') || 'none'}</output>
      </>
    );
  }

  it('is described by its caption and passes the selection through', async () => {
    await renderInTestApp(<Kinds />);
    const group = screen.getByRole('toolbar', { name: 'Filter by kind' });
    expect(group).toHaveAccessibleDescription('Kind (none chosen: every kind)');
    await userEvent.click(screen.getByRole('button', { name: 'Anomaly' }));
    await userEvent.click(screen.getByRole('button', { name: 'Budget' }));
    expect(screen.getByRole('status')).toHaveTextContent('anomaly,budget');
  });
});
