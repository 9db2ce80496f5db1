import { ReactNode } from 'react';
import { Flex, Text } from '@backstage/ui';

/**
 * A page's title and what the page is for, with the page's actions to the
 * right; on a narrow screen the actions wrap below.
 */
export function PageHeading(props: {
  title: ReactNode;
  description: ReactNode;
  /** A line under the description, such as how old the data is. */
  extra?: ReactNode;
  /** The page's actions. */
  children?: ReactNode;
}) {
  return (
    <Flex justify="between" align="end" gap="3" style={{ flexWrap: 'wrap' }}>
      <Flex direction="column" gap="1">
        <Text as="h2" variant="title-large" style={{ margin: 0 }}>
          {props.title}
        </Text>
        <Text
          as="p"
          variant="body-medium"
          color="secondary"
          style={{ margin: 0 }}
        >
          {props.description}
        </Text>
        {props.extra}
      </Flex>
      {props.children}
    </Flex>
  );
}
