import SvgIcon, { SvgIconProps } from '@mui/material/SvgIcon';

/** Four tiles of a dashboard: the platform home, in the nav bar. */
export function PlatformHomeIcon(props: SvgIconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M3 13h8V3H3v10zm0 8h8v-6H3v6zm10 0h8V11h-8v10zm0-18v6h8V3h-8z" />
    </SvgIcon>
  );
}

/** A person in front of a folder: the domains one owns, in the nav bar. */
export function MyDomainsIcon(props: SvgIconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M20 6h-8l-2-2H4c-1.1 0-1.99.9-1.99 2L2 18c0 1.1.9 2 2 2h16c1.1 0 2-.9 2-2V8c0-1.1-.9-2-2-2zm-5 3c1.1 0 2 .9 2 2s-.9 2-2 2-2-.9-2-2 .9-2 2-2zm4 8h-8v-1c0-1.33 2.67-2 4-2s4 .67 4 2v1z" />
    </SvgIcon>
  );
}
