import SvgIcon, { SvgIconProps } from '@mui/material/SvgIcon';

/** Three stacked layers, for data products in the nav bar and page header. */
export function DataProductsIcon(props: SvgIconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M12 2 1.5 7.5 12 13l10.5-5.5L12 2zm0 13.3L3.9 11.1 1.5 12.4 12 17.9l10.5-5.5-2.4-1.3L12 15.3zm0 4.9-8.1-4.2-2.4 1.3L12 22.8l10.5-5.5-2.4-1.3-8.1 4.2z" />
    </SvgIcon>
  );
}
