import SvgIcon, { SvgIconProps } from '@mui/material/SvgIcon';
import {
  ExclamationCircleIcon,
  TickedCircleIcon,
  WarningTriangleIcon,
} from '@dataplatform/portal-react';

/** A ticked circle: healthy. */
export const HealthyIcon = TickedCircleIcon;

/** A warning triangle: degraded. */
export const DegradedIcon = WarningTriangleIcon;

/** A circle with an exclamation mark: unhealthy, or an error. */
export const UnhealthyIcon = ExclamationCircleIcon;

/** A heart with a pulse line, for health in the nav bar and page header. */
export function HealthIcon(props: SvgIconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M15.11 12.45 14 10.24l-3.11 6.21c-.16.34-.51.55-.89.55s-.73-.21-.89-.55L7.38 13H2v5c0 1.1.9 2 2 2h16c1.1 0 2-.9 2-2v-5h-6c-.38 0-.73-.21-.89-.55z" />
      <path d="M20 4H4c-1.1 0-2 .9-2 2v5h6c.38 0 .73.21.89.55L10 13.76l3.11-6.21c.34-.68 1.45-.68 1.79 0L16.62 11H22V6c0-1.1-.9-2-2-2z" />
    </SvgIcon>
  );
}

/** A chevron pointing down: an expanded branch. */
export function ExpandedIcon(props: SvgIconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M16.59 8.59 12 13.17 7.41 8.59 6 10l6 6 6-6z" />
    </SvgIcon>
  );
}

/** A chevron pointing right: a collapsed branch. */
export function CollapsedIcon(props: SvgIconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M10 6 8.59 7.41 13.17 12l-4.58 4.59L10 18l6-6z" />
    </SvgIcon>
  );
}
