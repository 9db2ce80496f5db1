import { useState } from 'react';
import { Flex, Text, ToggleButton, ToggleButtonGroup } from '@backstage/ui';
import { EstateCost, OTHER_SERIES_KEY } from '@dataplatform/plugin-cost-common';
import { EstateStackedChart } from '../charts';

type Granularity = 'daily' | 'monthly';

/** The estate's cost stacked by domain, per day or per month. */
export function EstateChart(props: { estate: EstateCost }) {
  const { estate } = props;
  const [granularity, setGranularity] = useState<Granularity>('daily');
  const series = granularity === 'daily' ? estate.daily : estate.monthly;
  const hasOther = series.keys.includes(OTHER_SERIES_KEY);
  return (
    <Flex direction="column" gap="2">
      <Flex
        justify="between"
        align="center"
        gap="2"
        style={{ flexWrap: 'wrap' }}
      >
        <ToggleButtonGroup
          aria-label="Period of the estate chart"
          selectionMode="single"
          disallowEmptySelection
          selectedKeys={[granularity]}
          onSelectionChange={keys => {
            const [next] = [...keys];
            if (next === 'daily' || next === 'monthly') setGranularity(next);
          }}
        >
          <ToggleButton id="daily">Per day</ToggleButton>
          <ToggleButton id="monthly">Per month</ToggleButton>
        </ToggleButtonGroup>
        <Text as="span" variant="body-x-small" color="secondary">
          {hasOther
            ? `The ${estate.seriesLimit} domains with the most cost over the period; "${OTHER_SERIES_KEY}" is the rest.`
            : 'Every domain with cost over the period.'}
        </Text>
      </Flex>
      {series.points.length === 0 ? (
        <Text as="p" variant="body-small" color="secondary">
          No cost has been read for the estate yet.
        </Text>
      ) : (
        <EstateStackedChart
          series={series}
          granularity={granularity}
          currency={estate.currency}
        />
      )}
    </Flex>
  );
}
