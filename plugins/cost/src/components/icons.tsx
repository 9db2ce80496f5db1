import SvgIcon, { SvgIconProps } from '@mui/material/SvgIcon';
import {
  ExclamationCircleIcon,
  TickedCircleIcon,
  UnknownIcon,
  WarningTriangleIcon,
} from '@dataplatform/portal-react';

/** A circle with an exclamation mark: over budget, and an active alert. */
export const OverBudgetIcon = ExclamationCircleIcon;

/** A warning triangle: forecast over budget or at risk. */
export const AtRiskIcon = WarningTriangleIcon;

/** A ticked circle: on track, and a threshold not reached. */
export const OnTrackIcon = TickedCircleIcon;

/** A circle with a question mark: no budget, no data. */
export const NoBudgetIcon = UnknownIcon;

/** A dollar sign: cost, in the nav bar and page header. */
export function CostIcon(props: SvgIconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M11.8 10.9c-2.27-.59-3-1.2-3-2.15 0-1.09 1.01-1.85 2.7-1.85 1.78 0 2.44.85 2.5 2.1h2.21c-.07-1.72-1.12-3.3-3.21-3.81V3h-3v2.16c-1.94.42-3.5 1.68-3.5 3.61 0 2.31 1.91 3.46 4.7 4.13 2.5.6 3 1.48 3 2.41 0 .69-.49 1.79-2.7 1.79-2.06 0-2.87-.92-2.98-2.1h-2.2c.12 2.19 1.76 3.42 3.68 3.83V21h3v-2.15c1.95-.37 3.5-1.5 3.5-3.55 0-2.84-2.43-3.81-4.7-4.4z" />
    </SvgIcon>
  );
}

/** A circular arrow: read again now. */
export function RefreshIcon(props: SvgIconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M17.65 6.35C16.2 4.9 14.21 4 12 4c-4.42 0-7.99 3.58-7.99 8s3.57 8 7.99 8c3.73 0 6.84-2.55 7.73-6h-2.08c-.82 2.33-3.04 4-5.65 4-3.31 0-6-2.69-6-6s2.69-6 6-6c1.66 0 3.14.69 4.22 1.78L13 11h7V4l-2.35 2.35z" />
    </SvgIcon>
  );
}
