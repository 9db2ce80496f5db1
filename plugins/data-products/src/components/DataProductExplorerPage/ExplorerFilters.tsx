import { useId } from 'react';
import { Flex, Text } from '@backstage/ui';
import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import OutlinedInput from '@mui/material/OutlinedInput';
import Select from '@mui/material/Select';
import { capitalize } from '../../lib/values';
import { Facet, FACET_LABELS, FacetOption } from './explorer';

interface FacetProps {
  facet: Facet;
  options: FacetOption[];
  onChange: (values: string[]) => void;
}

function toggle(options: FacetOption[], value: string): string[] {
  const selected = options.filter(o => o.selected).map(o => o.value);
  return selected.includes(value)
    ? selected.filter(v => v !== value)
    : [...selected, value];
}

/** A filter over entity references (domain, owner): a select, as there may be many. */
export function EntityFacetSelect(props: FacetProps & { defaultKind: string }) {
  const labelId = useId();
  const label = FACET_LABELS[props.facet];
  const selected = props.options.filter(o => o.selected).map(o => o.value);
  return (
    <FormControl size="small" fullWidth>
      <InputLabel id={labelId}>{label}</InputLabel>
      <Select
        multiple
        labelId={labelId}
        value={selected}
        input={<OutlinedInput label={label} />}
        onChange={event => {
          const { value } = event.target;
          props.onChange(typeof value === 'string' ? value.split(',') : value);
        }}
        renderValue={values => (
          <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
            {values.map(value => (
              <Chip
                key={value}
                size="small"
                label={
                  <EntityDisplayName
                    entityRef={value}
                    defaultKind={props.defaultKind}
                    hideIcon
                    disableTooltip
                  />
                }
              />
            ))}
          </Box>
        )}
      >
        {props.options.map(option => (
          <MenuItem
            key={option.value}
            value={option.value}
            disabled={option.count === 0 && !option.selected}
          >
            <Checkbox size="small" checked={option.selected} />
            <ListItemText
              primary={
                <>
                  <EntityDisplayName
                    entityRef={option.value}
                    defaultKind={props.defaultKind}
                    hideIcon
                    disableTooltip
                  />{' '}
                  ({option.count})
                </>
              }
            />
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

/** A filter over a short, fixed list of values (layer, classification…): toggle chips. */
export function FacetChips(props: FacetProps) {
  const labelId = useId();
  return (
    <Flex direction="column" gap="1" role="group" aria-labelledby={labelId}>
      <Text id={labelId} variant="body-small" weight="bold">
        {FACET_LABELS[props.facet]}
      </Text>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.75 }}>
        {props.options.map(option => (
          <Chip
            key={option.value}
            size="small"
            clickable
            label={`${capitalize(option.value)} (${option.count})`}
            color={option.selected ? 'primary' : 'default'}
            variant={option.selected ? 'filled' : 'outlined'}
            aria-pressed={option.selected}
            disabled={option.count === 0 && !option.selected}
            onClick={() => props.onChange(toggle(props.options, option.value))}
          />
        ))}
      </Box>
    </Flex>
  );
}
