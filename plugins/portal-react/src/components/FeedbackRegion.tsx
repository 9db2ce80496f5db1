import { Alert } from '@backstage/ui';

/** The outcome of something a person just started, such as a refresh. */
export interface Feedback {
  status: 'success' | 'danger' | 'info';
  title: string;
  text?: string;
}

/**
 * Where the outcome of an action shows. The live region is there before
 * any message, so screen readers announce the message when it arrives.
 */
export function FeedbackRegion(props: { feedback?: Feedback }) {
  const { feedback } = props;
  return (
    <div role="status" aria-live="polite">
      {feedback && (
        <Alert
          status={feedback.status}
          icon
          title={feedback.title}
          description={feedback.text}
        />
      )}
    </div>
  );
}
