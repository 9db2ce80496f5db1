import { SignalResult } from '@dataplatform/plugin-health-common';
import { formatShortValue, formatValue } from '../lib/format';

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
