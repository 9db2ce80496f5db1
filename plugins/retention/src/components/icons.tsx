import SvgIcon, { SvgIconProps } from '@mui/material/SvgIcon';
import {
  ExclamationCircleIcon,
  TickedCircleIcon,
  WarningTriangleIcon,
} from '@dataplatform/portal-react';

/** A ticked circle: compliant. */
export const CompliantIcon = TickedCircleIcon;

/** A warning triangle: at risk, and the warning beside a remediation. */
export const AtRiskIcon = WarningTriangleIcon;

/** A circle with an exclamation mark: a violation. */
export const ViolationIcon = ExclamationCircleIcon;

/** An hourglass: how long data is kept, in the nav bar and page header. */
export function RetentionIcon(props: SvgIconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M6 2v6h.01L6 8.01 10 12l-4 4 .01.01H6V22h12v-5.99h-.01L18 16l-4-4 4-3.99-.01-.01H18V2H6zm10 14.5V20H8v-3.5l4-4 4 4zm-4-5-4-4V4h8v3.5l-4 4z" />
    </SvgIcon>
  );
}

/** An arrow into a tray: download. */
export function DownloadIcon(props: SvgIconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M5 20h14v-2H5v2zM19 9h-4V3H9v6H5l7 7 7-7z" />
    </SvgIcon>
  );
}

/** A circular arrow: scan again. */
export function ScanIcon(props: SvgIconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M17.65 6.35C16.2 4.9 14.21 4 12 4c-4.42 0-7.99 3.58-7.99 8s3.57 8 7.99 8c3.73 0 6.84-2.55 7.73-6h-2.08c-.82 2.33-3.04 4-5.65 4-3.31 0-6-2.69-6-6s2.69-6 6-6c1.66 0 3.14.69 4.22 1.78L13 11h7V4l-2.35 2.35z" />
    </SvgIcon>
  );
}
