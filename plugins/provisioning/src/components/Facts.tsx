import { ReactNode } from 'react';
import Box from '@mui/material/Box';

/** Label–value pairs as a definition list, labels in one column. */
export function Facts(props: { label: string; children: ReactNode }) {
  return (
    <Box
      component="dl"
      aria-label={props.label}
      sx={{
        display: 'grid',
        gridTemplateColumns: 'max-content 1fr',
        columnGap: 2,
        rowGap: 1,
        m: 0,
        '& > dt': { fontWeight: 600 },
        '& > dd': { m: 0, minWidth: 0, overflowWrap: 'anywhere' },
      }}
    >
      {props.children}
    </Box>
  );
}

/** One pair of a {@link Facts} list; a dash when there is no value. */
export function Fact(props: { label: string; children?: ReactNode }) {
  const empty =
    props.children === undefined ||
    props.children === null ||
    props.children === false ||
    props.children === '';
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{empty ? '—' : props.children}</dd>
    </>
  );
}
