import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  text: {
    color: '#7df3e1',
    fontSize: 19,
    fontWeight: 700,
    lineHeight: 1.1,
    whiteSpace: 'nowrap',
  },
  sub: {
    display: 'block',
    color: '#d5d5d5',
    fontSize: 11,
    fontWeight: 400,
    letterSpacing: 0.4,
  },
});

/** The portal's name where Backstage's logo would be. */
export const LogoFull = () => {
  const classes = useStyles();
  return (
    <span className={classes.text}>
      Data Platform
      <span className={classes.sub}>CONTOSO PORTAL</span>
    </span>
  );
};
