import { ChangeEvent, ReactNode } from 'react';
import {
  Flex,
  Text,
  ToggleButtonGroup,
  ToggleButtonGroupProps,
} from '@backstage/ui';
import Box from '@mui/material/Box';

/**
 * A native select with its label above, for the filters of a list. Native,
 * because it works with the keyboard and screen readers as people expect and
 * its options need no portal.
 */
export function LabelledSelect(props: {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  /** The `<option>` elements. */
  children: ReactNode;
}) {
  const { id, label, value, onChange, children } = props;
  return (
    <Flex direction="column" gap="1">
      <Box
        component="label"
        htmlFor={id}
        sx={{ fontSize: '0.875rem', color: 'text.secondary' }}
      >
        {label}
      </Box>
      <Box
        component="select"
        id={id}
        value={value}
        onChange={(e: ChangeEvent<HTMLSelectElement>) =>
          onChange(e.target.value)
        }
        sx={{
          font: 'inherit',
          fontSize: '0.875rem',
          py: 0.75,
          px: 1,
          minWidth: 180,
          borderRadius: 1,
          border: 1,
          borderColor: 'divider',
          bgcolor: 'background.paper',
          color: 'text.primary',
        }}
      >
        {children}
      </Box>
    </Flex>
  );
}

/**
 * A group of toggle buttons with a caption above that describes it to
 * assistive technology too (the group's `aria-label` stays short).
 */
export function CaptionedToggleButtonGroup(
  props: ToggleButtonGroupProps & {
    /** The caption's element id, unique on the page. */
    captionId: string;
    caption: ReactNode;
  },
) {
  const { captionId, caption, ...group } = props;
  return (
    <Flex direction="column" gap="1">
      <Text as="span" variant="body-small" color="secondary" id={captionId}>
        {caption}
      </Text>
      <ToggleButtonGroup aria-describedby={captionId} {...group} />
    </Flex>
  );
}
