import { ReactNode } from 'react';
import Box from '@mui/material/Box';

/** Terms and their values as a definition list, two columns. */
export function Figures(props: {
  label: string;
  items: Array<{ term: string; value: ReactNode; note?: ReactNode }>;
}) {
  return (
    <Box
      component="dl"
      aria-label={props.label}
      sx={{
        m: 0,
        display: 'grid',
        gridTemplateColumns: 'max-content 1fr',
        columnGap: 2,
        rowGap: 0.75,
        fontSize: '0.875rem',
        alignItems: 'baseline',
      }}
    >
      {props.items.map(item => (
        <Box key={item.term} sx={{ display: 'contents' }}>
          <Box component="dt" sx={{ color: 'text.secondary' }}>
            {item.term}
          </Box>
          <Box component="dd" sx={{ m: 0 }}>
            <Box component="span" sx={{ fontWeight: 600 }}>
              {item.value}
            </Box>
            {item.note && (
              <Box
                component="span"
                sx={{
                  display: 'block',
                  color: 'text.secondary',
                  fontSize: '0.75rem',
                }}
              >
                {item.note}
              </Box>
            )}
          </Box>
        </Box>
      ))}
    </Box>
  );
}
