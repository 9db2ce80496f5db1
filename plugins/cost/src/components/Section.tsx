import { ReactNode, useId } from 'react';
import { Flex, Text } from '@backstage/ui';
import Box from '@mui/material/Box';

/** A titled part of the cost page, with room for its data age and controls. */
export function Section(props: {
  title: string;
  description?: ReactNode;
  /** The data age line and any controls, right of the title. */
  aside?: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <Box
      component="section"
      aria-labelledby={id}
      sx={{
        border: 1,
        borderColor: 'divider',
        borderRadius: 2,
        p: 2,
        bgcolor: 'background.paper',
        minWidth: 0,
      }}
    >
      <Flex direction="column" gap="3">
        <Flex
          justify="between"
          align="start"
          gap="2"
          style={{ flexWrap: 'wrap' }}
        >
          <Flex direction="column" gap="1">
            <Text as="h3" variant="title-small" id={id} style={{ margin: 0 }}>
              {props.title}
            </Text>
            {props.description && (
              <Text
                as="p"
                variant="body-small"
                color="secondary"
                style={{ margin: 0 }}
              >
                {props.description}
              </Text>
            )}
          </Flex>
          {props.aside}
        </Flex>
        {props.children}
      </Flex>
    </Box>
  );
}

/** A titled part of a card. */
export function CardPart(props: { title: string; children: ReactNode }) {
  return (
    <Flex direction="column" gap="2">
      <Text as="h3" variant="title-x-small" style={{ margin: 0 }}>
        {props.title}
      </Text>
      {props.children}
    </Flex>
  );
}
