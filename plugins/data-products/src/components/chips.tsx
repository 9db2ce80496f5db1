import Chip, { ChipProps } from '@mui/material/Chip';
import { capitalize } from '../lib/values';

// Metal colours, so a layer reads the same on every card and page.
const LAYER_COLOURS: Record<string, { bg: string; fg: string }> = {
  bronze: { bg: '#b0703a', fg: '#ffffff' },
  silver: { bg: '#a8adb3', fg: '#1d1d1d' },
  gold: { bg: '#d4a72c', fg: '#1d1d1d' },
};

/** The medallion layer of a data product, in its metal colour. */
export function LayerChip(props: { layer?: string; size?: ChipProps['size'] }) {
  if (!props.layer) {
    return null;
  }
  const colours = LAYER_COLOURS[props.layer.toLocaleLowerCase('en')];
  return (
    <Chip
      size={props.size ?? 'small'}
      label={capitalize(props.layer)}
      title={`${capitalize(props.layer)} layer`}
      sx={
        colours
          ? { bgcolor: colours.bg, color: colours.fg, fontWeight: 600 }
          : undefined
      }
    />
  );
}

const CLASSIFICATION_COLOURS: Record<string, ChipProps['color']> = {
  public: 'success',
  internal: 'info',
  confidential: 'warning',
  restricted: 'error',
};

/** A data classification, coloured by how carefully the data must be handled. */
export function ClassificationChip(props: {
  classification?: string;
  size?: ChipProps['size'];
}) {
  if (!props.classification) {
    return null;
  }
  const color =
    CLASSIFICATION_COLOURS[props.classification.toLocaleLowerCase('en')] ??
    'default';
  return (
    <Chip
      size={props.size ?? 'small'}
      variant="outlined"
      color={color}
      label={capitalize(props.classification)}
      title={`Classification: ${props.classification}`}
    />
  );
}
