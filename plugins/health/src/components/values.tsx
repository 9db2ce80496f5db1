import { SignalResult } from '@dataplatform/plugin-health-common';
import { formatShortValue, formatValue, shortenValueIn } from '../lib/format';

/**
 * A signal's value written short ("28.9 min"), with every digit in its
 * title for those who compare it closely.
 */
export function ShortValue(props: {
  value: number;
  unit?: string;
  thresholds?: SignalResult['thresholds'];
}) {
  const short = formatShortValue(props.value, props.unit, props.thresholds);
  const full = formatValue(props.value, props.unit);
  return <span title={short === full ? undefined : full}>{short}</span>;
}

/**
 * A sentence from the backend about a signal (its explanation, or a cause
 * naming it) with the signal's value written short; the sentence as the
 * backend wrote it is the title.
 */
export function ShortText(props: {
  text: string;
  signals: Array<Pick<SignalResult, 'title' | 'value' | 'unit' | 'thresholds'>>;
}) {
  const short = props.signals.reduce(
    (text, signal) => shortenValueIn(text, signal),
    props.text,
  );
  return (
    <span title={short === props.text ? undefined : props.text}>{short}</span>
  );
}
