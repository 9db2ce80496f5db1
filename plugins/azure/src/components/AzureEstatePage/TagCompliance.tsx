import { Text } from '@backstage/ui';
import { TagProblem } from '@dataplatform/plugin-azure-common';

/** ✓ when the tags follow the tagging strategy, otherwise each problem in words. */
export function TagCompliance(props: { problems: TagProblem[] }) {
  if (props.problems.length === 0) {
    return (
      <Text variant="body-small" color="success">
        <span aria-hidden="true">✓ </span>Compliant
      </Text>
    );
  }
  return (
    <ul style={{ margin: 0, paddingLeft: '1.2em' }}>
      {props.problems.map(problem => (
        <li key={`${problem.key}:${problem.problem}`}>
          <Text variant="body-small" color="danger">
            {problem.message}
          </Text>
        </li>
      ))}
    </ul>
  );
}
