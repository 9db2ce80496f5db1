import Box from '@mui/material/Box';
import { SourceStatus } from '@dataplatform/plugin-overview-common';
import { StaleIcon, TickedCircleIcon } from '@dataplatform/portal-react';
import { formatUtcTime, sourceLabel, sourceProblem } from '../concerns';

/** "Health as of 11:02 UTC", or what is wrong with the source. */
export function sourceStripLine(source: SourceStatus): string {
  const problem = sourceProblem(source);
  if (problem) return problem;
  const asOf = source.dataAsOf ?? source.asOf;
  return asOf
    ? `${sourceLabel(source)} as of ${formatUtcTime(asOf)}`
    : `${sourceLabel(source)}: current`;
}

/** How fresh each column is, one item per source. */
export function SourcesStrip(props: { sources: SourceStatus[] }) {
  return (
    <Box
      component="ul"
      aria-label="Sources"
      sx={{
        m: 0,
        p: 0,
        listStyle: 'none',
        display: 'flex',
        flexWrap: 'wrap',
        columnGap: 2.5,
        rowGap: 0.5,
        fontSize: '0.8125rem',
      }}
    >
      {props.sources.map(source => {
        const ok = source.state === 'ok';
        const Icon = ok ? TickedCircleIcon : StaleIcon;
        return (
          <Box
            component="li"
            key={`${source.concern}:${source.source}`}
            data-state={source.state}
            sx={{
              display: 'flex',
              alignItems: 'center',
              gap: 0.5,
              color: ok ? 'text.secondary' : 'warning.dark',
              fontWeight: ok ? 400 : 600,
            }}
          >
            <Icon
              sx={{ fontSize: '1rem', color: ok ? 'success.main' : undefined }}
              aria-hidden
            />
            {sourceStripLine(source)}
          </Box>
        );
      })}
    </Box>
  );
}
