import { useMemo } from 'react';
import Box from '@mui/material/Box';
import { alpha, Theme, useTheme } from '@mui/material/styles';
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
  Legend,
  Line,
  Pie,
  PieChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  CostSummary,
  DailyCost,
  MonthlyCost,
  OTHER_SERIES_KEY,
  StackedSeries,
} from '@dataplatform/plugin-cost-common';
import {
  compactNumber,
  money,
  monthName,
  percent,
  shortDay,
} from '../lib/format';
import { riskLook } from '../lib/risk';
import {
  dailySummary,
  gaugeSummary,
  monthlySummary,
  stackedRows,
  stackedSummary,
  withTrailingAverage,
} from '../lib/series';
import { ChartFigure } from './panels';

/** Charts are drawn at once: animations delay what a reader came to see. */
const STILL = { isAnimationActive: false } as const;

/**
 * Width before the container is measured (and in tests, where nothing is
 * measured); the chart follows its container's width afterwards.
 */
const INITIAL_WIDTH = 480;

function track(theme: Theme): string {
  return theme.palette.mode === 'dark'
    ? theme.palette.grey[800]
    : theme.palette.grey[200];
}

const LEGEND_STYLE = { fontSize: 12 } as const;

function axisTick(theme: Theme) {
  return { fontSize: 11, fill: theme.palette.text.secondary };
}

function Responsive(props: { height: number; children: JSX.Element }) {
  return (
    <ResponsiveContainer
      width="100%"
      height={props.height}
      initialDimension={{ width: INITIAL_WIDTH, height: props.height }}
    >
      {props.children}
    </ResponsiveContainer>
  );
}

/**
 * Month-to-date against the budget as a half-circle gauge: the outer arc is
 * what has been spent, the inner arc the forecast at month end, both in the
 * colour of the risk. When spend or forecast exceed the budget the scale
 * grows to fit them and a dark tick marks the budget.
 */
export function BurnGauge(props: {
  summary: CostSummary & { budget: number };
}) {
  const { summary } = props;
  const theme = useTheme();
  const color = riskLook(summary.risk).color(theme);
  const mtd = summary.monthToDate;
  const forecast = summary.forecastMonthEnd;
  const scale = Math.max(summary.budget, mtd, forecast ?? 0) || 1;
  const marker = scale * 0.008;
  const width = 220;
  const cy = 112;
  const arc = { cx: width / 2, cy, startAngle: 180, endAngle: 0, ...STILL };
  return (
    <ChartFigure
      label="Burn against the monthly budget"
      summary={gaugeSummary(summary)}
      height={124}
    >
      <Box sx={{ width, height: 124, position: 'relative' }}>
        <PieChart width={width} height={124} accessibilityLayer={false}>
          <Pie
            {...arc}
            data={[{ value: mtd }, { value: Math.max(0, scale - mtd) }]}
            dataKey="value"
            innerRadius={78}
            outerRadius={98}
            stroke="none"
          >
            <Cell fill={color} data-part="month-to-date" />
            <Cell fill={track(theme)} />
          </Pie>
          {forecast !== null && (
            <Pie
              {...arc}
              data={[
                { value: forecast },
                { value: Math.max(0, scale - forecast) },
              ]}
              dataKey="value"
              innerRadius={64}
              outerRadius={74}
              stroke="none"
            >
              <Cell fill={alpha(color, 0.45)} data-part="forecast" />
              <Cell fill={track(theme)} />
            </Pie>
          )}
          {scale > summary.budget && (
            <Pie
              {...arc}
              data={[
                { value: Math.max(0, summary.budget - marker / 2) },
                { value: marker },
                { value: Math.max(0, scale - summary.budget - marker / 2) },
              ]}
              dataKey="value"
              innerRadius={58}
              outerRadius={104}
              stroke="none"
            >
              <Cell fill="transparent" />
              <Cell fill={theme.palette.text.primary} data-part="budget" />
              <Cell fill="transparent" />
            </Pie>
          )}
        </PieChart>
        <Box
          aria-hidden
          sx={{
            position: 'absolute',
            left: 0,
            right: 0,
            bottom: 8,
            textAlign: 'center',
            lineHeight: 1.1,
          }}
        >
          <Box sx={{ fontSize: '1.5rem', fontWeight: 700, color }}>
            {percent(summary.burnPercent)}
          </Box>
          <Box sx={{ fontSize: '0.75rem', color: 'text.secondary' }}>
            of budget used
          </Box>
        </Box>
      </Box>
    </ChartFigure>
  );
}

/** The legend of the gauge, in words beside swatches. */
export function GaugeLegend(props: { summary: CostSummary }) {
  const theme = useTheme();
  const color = riskLook(props.summary.risk).color(theme);
  const over =
    props.summary.budget !== null &&
    Math.max(props.summary.monthToDate, props.summary.forecastMonthEnd ?? 0) >
      props.summary.budget;
  const swatch = (background: string, label: string) => (
    <Box
      component="span"
      sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, mr: 1.5 }}
    >
      <Box
        component="span"
        sx={{ width: 10, height: 10, borderRadius: '2px', background }}
      />
      {label}
    </Box>
  );
  return (
    <Box aria-hidden sx={{ fontSize: '0.75rem', color: 'text.secondary' }}>
      {swatch(color, 'Outer arc: month to date')}
      {props.summary.forecastMonthEnd !== null &&
        swatch(alpha(color, 0.45), 'Inner arc: forecast')}
      {over && swatch(theme.palette.text.primary, 'Tick: budget')}
    </Box>
  );
}

/**
 * A small bar per day. Today (a part of a day) is pale; days in
 * `highlight` (anomalies) are in the error colour.
 */
export function DailyBars(props: {
  daily: DailyCost[];
  currency: string;
  highlight?: Set<string>;
  label?: string;
  height?: number;
}) {
  const { daily, currency, highlight } = props;
  const theme = useTheme();
  const height = props.height ?? 96;
  return (
    <ChartFigure
      label={props.label ?? `Daily cost of the last ${daily.length} days`}
      summary={dailySummary(daily, currency)}
      height={height}
    >
      <Responsive height={height}>
        <BarChart
          data={daily}
          // Room for the first and last day's labels, which are centred on their bars.
          margin={{ top: 4, right: 16, bottom: 0, left: 16 }}
          accessibilityLayer={false}
        >
          <XAxis
            dataKey="date"
            tickFormatter={shortDay}
            interval="preserveStartEnd"
            minTickGap={40}
            tick={axisTick(theme)}
            tickLine={false}
          />
          <YAxis hide />
          <Tooltip
            formatter={value => [money(Number(value), currency), 'Cost']}
            labelFormatter={label => shortDay(String(label))}
          />
          <Bar dataKey="cost" {...STILL}>
            {daily.map((day, index) => (
              <Cell
                key={day.date}
                fill={
                  highlight?.has(day.date)
                    ? theme.palette.error.main
                    : theme.palette.primary.main
                }
                fillOpacity={index === daily.length - 1 ? 0.4 : 1}
              />
            ))}
          </Bar>
        </BarChart>
      </Responsive>
    </ChartFigure>
  );
}

/** 90 days of bars with the 7-day average as a line over them. */
export function DailyTrendChart(props: {
  daily: DailyCost[];
  currency: string;
  label: string;
}) {
  const { daily, currency } = props;
  const theme = useTheme();
  const points = useMemo(() => withTrailingAverage(daily), [daily]);
  return (
    <ChartFigure
      label={props.label}
      summary={dailySummary(daily, currency)}
      height={240}
    >
      <Responsive height={240}>
        <ComposedChart
          data={points}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid vertical={false} stroke={theme.palette.divider} />
          <XAxis
            dataKey="date"
            tickFormatter={shortDay}
            minTickGap={32}
            tick={axisTick(theme)}
          />
          <YAxis
            tickFormatter={compactNumber}
            tick={axisTick(theme)}
            width={48}
            label={{
              value: currency,
              angle: -90,
              position: 'insideLeft',
              style: axisTick(theme),
            }}
          />
          <Tooltip
            formatter={(value, name) => [
              money(Number(value), currency),
              name === 'average' ? '7-day average' : 'Cost',
            ]}
            labelFormatter={label => shortDay(String(label))}
          />
          <Legend
            wrapperStyle={LEGEND_STYLE}
            formatter={value =>
              value === 'average' ? '7-day average' : 'Daily cost'
            }
          />
          <Bar dataKey="cost" fill={theme.palette.primary.main} {...STILL}>
            {points.map(point => (
              <Cell
                key={point.date}
                fill={theme.palette.primary.main}
                fillOpacity={point.partial ? 0.4 : 0.85}
              />
            ))}
          </Bar>
          <Line
            dataKey="average"
            type="monotone"
            stroke={theme.palette.secondary.main}
            strokeWidth={2}
            dot={false}
            connectNulls={false}
            {...STILL}
          />
        </ComposedChart>
      </Responsive>
    </ChartFigure>
  );
}

/** A bar per month with the monthly budget as a line across them. */
export function MonthlyTrendChart(props: {
  monthly: MonthlyCost[];
  currency: string;
  budget: number | null;
  label: string;
}) {
  const { monthly, currency, budget } = props;
  const theme = useTheme();
  const highest = Math.max(0, budget ?? 0, ...monthly.map(m => m.cost));
  return (
    <ChartFigure
      label={props.label}
      summary={monthlySummary(monthly, currency, budget)}
      height={240}
    >
      <Responsive height={240}>
        <BarChart
          data={monthly}
          margin={{ top: 16, right: 8, bottom: 0, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid vertical={false} stroke={theme.palette.divider} />
          <XAxis
            dataKey="month"
            tickFormatter={monthName}
            tick={axisTick(theme)}
          />
          <YAxis
            tickFormatter={compactNumber}
            tick={axisTick(theme)}
            width={48}
            domain={[0, Math.ceil(highest * 1.1) || 1]}
          />
          <Tooltip
            formatter={value => [money(Number(value), currency), 'Cost']}
            labelFormatter={label => monthName(String(label))}
          />
          <Bar dataKey="cost" {...STILL}>
            {monthly.map(m => (
              <Cell
                key={m.month}
                fill={theme.palette.primary.main}
                fillOpacity={m.partial ? 0.45 : 0.85}
              />
            ))}
          </Bar>
          {budget !== null && (
            <ReferenceLine
              y={budget}
              stroke={theme.palette.error.main}
              strokeDasharray="6 3"
              strokeWidth={2}
              label={{
                value: `Budget ${money(budget, currency)}`,
                position: 'insideTopRight',
                fill: theme.palette.text.primary,
                fontSize: 11,
              }}
            />
          )}
        </BarChart>
      </Responsive>
    </ChartFigure>
  );
}

/**
 * Colours of the stacked series from the theme palette, `other` in grey so
 * it reads as the rest rather than one more domain.
 */
export function seriesColors(theme: Theme, keys: string[]): string[] {
  const { palette } = theme;
  const cycle = [
    palette.primary.main,
    palette.secondary.main,
    palette.info.main,
    palette.success.main,
    palette.warning.dark,
    palette.error.main,
    palette.primary.dark,
    palette.secondary.dark,
    palette.info.dark,
    palette.success.dark,
    palette.error.dark,
    palette.primary.light,
    palette.secondary.light,
    palette.info.light,
    palette.success.light,
    palette.warning.main,
    palette.error.light,
    palette.grey[800],
    palette.grey[700],
    palette.grey[400],
  ];
  let next = 0;
  return keys.map(key =>
    key === OTHER_SERIES_KEY ? palette.grey[500] : cycle[next++ % cycle.length],
  );
}

/** Cost of the estate stacked by domain: areas per day, bars per month. */
export function EstateStackedChart(props: {
  series: StackedSeries;
  granularity: 'daily' | 'monthly';
  currency: string;
}) {
  const { series, granularity, currency } = props;
  const theme = useTheme();
  const rows = useMemo(() => stackedRows(series), [series]);
  const colors = seriesColors(theme, series.keys);
  const label = granularity === 'daily' ? shortDay : monthName;
  const common = {
    data: rows,
    margin: { top: 8, right: 8, bottom: 0, left: 0 },
    accessibilityLayer: false,
  };
  const axes = [
    <CartesianGrid
      key="grid"
      vertical={false}
      stroke={theme.palette.divider}
    />,
    <XAxis
      key="x"
      dataKey="period"
      tickFormatter={label}
      minTickGap={32}
      tick={axisTick(theme)}
    />,
    <YAxis
      key="y"
      tickFormatter={compactNumber}
      tick={axisTick(theme)}
      width={48}
    />,
    <Tooltip
      key="tooltip"
      formatter={(value, name) => [money(Number(value), currency), name]}
      labelFormatter={value => label(String(value))}
    />,
    <Legend key="legend" wrapperStyle={LEGEND_STYLE} />,
  ];
  return (
    <ChartFigure
      label={`Cost of the estate by domain, ${
        granularity === 'daily' ? 'per day' : 'per month'
      }`}
      summary={stackedSummary(series, granularity, currency)}
      height={300}
    >
      <Responsive height={300}>
        {granularity === 'daily' ? (
          <AreaChart {...common}>
            {axes}
            {series.keys.map((key, index) => (
              <Area
                key={key}
                dataKey={key}
                name={key}
                stackId="estate"
                type="monotone"
                stroke={colors[index]}
                fill={colors[index]}
                fillOpacity={0.75}
                {...STILL}
              />
            ))}
          </AreaChart>
        ) : (
          <BarChart {...common}>
            {axes}
            {series.keys.map((key, index) => (
              <Bar
                key={key}
                dataKey={key}
                name={key}
                stackId="estate"
                fill={colors[index]}
                {...STILL}
              />
            ))}
          </BarChart>
        )}
      </Responsive>
    </ChartFigure>
  );
}

/**
 * Spend against the cap as one horizontal bar, the cap marked; red once
 * the cap is reached, amber from 80 %.
 */
export function CapBar(props: {
  spend: number;
  cap: number;
  currency: string;
  summary: string;
}) {
  const { spend, cap } = props;
  const theme = useTheme();
  const ratio = cap > 0 ? spend / cap : 1;
  let color = theme.palette.primary.main;
  if (ratio >= 1) color = theme.palette.error.main;
  else if (ratio >= 0.8) color = theme.palette.warning.dark;
  const scale = Math.max(cap, spend) || 1;
  return (
    <ChartFigure
      label="Spend against the cap"
      summary={props.summary}
      height={36}
    >
      <Responsive height={36}>
        <BarChart
          layout="vertical"
          data={[{ name: 'spend', spend, rest: Math.max(0, cap - spend) }]}
          margin={{ top: 4, right: 8, bottom: 4, left: 8 }}
          accessibilityLayer={false}
        >
          <XAxis type="number" domain={[0, scale]} hide />
          <YAxis type="category" dataKey="name" hide />
          <Bar dataKey="spend" stackId="cap" fill={color} {...STILL} />
          <Bar dataKey="rest" stackId="cap" fill={track(theme)} {...STILL} />
          <ReferenceLine
            x={cap}
            stroke={theme.palette.text.primary}
            strokeWidth={2}
          />
        </BarChart>
      </Responsive>
    </ChartFigure>
  );
}
