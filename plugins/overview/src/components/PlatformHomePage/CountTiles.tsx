import ButtonBase from '@mui/material/ButtonBase';
import Box from '@mui/material/Box';
import {
  filtersToQuery,
  OverviewCounts,
  OverviewFilters,
  SANDBOX_EXPIRY_WARNING_DAYS,
} from '@dataplatform/plugin-overview-common';

interface TileSpec {
  id: string;
  label: string;
  value: number;
  note: string;
  /** What choosing the tile filters the table to. */
  filters: OverviewFilters;
  tone?: 'error' | 'warning';
}

/**
 * The tiles of the platform home. Each filters the table to what it counts;
 * where a filter cannot single out exactly that (the concern filter keeps
 * warnings too), the note says what else shows.
 */
export function countTiles(counts: OverviewCounts): TileSpec[] {
  return [
    {
      id: 'domains',
      label: 'Domains',
      value: counts.domains,
      note: `${counts.byAttention.ok} fine, ${counts.byAttention.unknown} unknown`,
      filters: {},
    },
    {
      id: 'critical',
      label: 'Need attention',
      value: counts.byAttention.critical,
      note: 'Critical in at least one concern',
      filters: { attention: ['critical'] },
      tone: 'error',
    },
    {
      id: 'warning',
      label: 'Warnings',
      value: counts.byAttention.warning,
      note: 'A warning, nothing critical',
      filters: { attention: ['warning'] },
      tone: 'warning',
    },
    {
      id: 'unhealthy',
      label: 'Unhealthy',
      value: counts.unhealthy,
      note: `${counts.degraded} more degraded`,
      filters: { concern: ['health'] },
      tone: 'error',
    },
    {
      id: 'over-budget',
      label: 'Over budget',
      value: counts.overBudget,
      note: `${counts.costAtRisk} more at risk`,
      filters: { concern: ['cost'] },
      tone: 'error',
    },
    {
      id: 'retention',
      label: 'Retention violations',
      value: counts.retentionViolations,
      note: 'Domains keeping data too short or too long',
      filters: { concern: ['retention'] },
      tone: 'error',
    },
    {
      id: 'contracts',
      label: 'Contract errors',
      value: counts.contractErrors,
      note: 'Domains with an invalid or missing contract',
      filters: { concern: ['contracts'] },
      tone: 'error',
    },
    {
      id: 'sandboxes',
      label: `Sandboxes expiring ≤${SANDBOX_EXPIRY_WARNING_DAYS} d`,
      value: counts.sandboxesExpiringSoon,
      note: `of ${counts.sandboxesOpen} open`,
      filters: { concern: ['sandboxes'] },
      tone: 'warning',
    },
  ];
}

/** The counts at the top; choosing one filters the table to it. */
export function CountTiles(props: {
  counts: OverviewCounts;
  filters: OverviewFilters;
  onChoose: (filters: OverviewFilters) => void;
}) {
  const current = filtersToQuery(props.filters);
  return (
    <Box
      component="ul"
      aria-label="Counts"
      sx={{
        m: 0,
        p: 0,
        listStyle: 'none',
        display: 'grid',
        gap: 1.5,
        gridTemplateColumns: 'repeat(auto-fill, minmax(128px, 1fr))',
      }}
    >
      {countTiles(props.counts).map(tile => {
        const pressed = filtersToQuery(tile.filters) === current;
        const noteId = `overview-tile-${tile.id}-note`;
        return (
          <li key={tile.id}>
            <ButtonBase
              focusRipple
              onClick={() => props.onChoose(tile.filters)}
              aria-label={`${tile.label}: ${tile.value}`}
              aria-describedby={noteId}
              aria-pressed={pressed}
              sx={{
                width: '100%',
                height: '100%',
                display: 'flex',
                flexDirection: 'column',
                alignItems: 'flex-start',
                textAlign: 'left',
                border: 1,
                borderColor: pressed ? 'primary.main' : 'divider',
                boxShadow: pressed
                  ? theme => `inset 0 0 0 1px ${theme.palette.primary.main}`
                  : 'none',
                borderRadius: 2,
                p: 1.5,
                bgcolor: 'background.paper',
                '&:hover': { borderColor: 'primary.main' },
              }}
            >
              <Box sx={{ color: 'text.secondary', fontSize: '0.8125rem' }}>
                {tile.label}
              </Box>
              <Box
                sx={{
                  fontSize: '1.5rem',
                  fontWeight: 700,
                  color:
                    tile.tone && tile.value > 0
                      ? `${tile.tone}.main`
                      : 'text.primary',
                }}
              >
                {tile.value}
              </Box>
              <Box
                id={noteId}
                sx={{ color: 'text.secondary', fontSize: '0.75rem' }}
              >
                {tile.note}
              </Box>
            </ButtonBase>
          </li>
        );
      })}
    </Box>
  );
}
