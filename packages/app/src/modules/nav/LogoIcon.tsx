import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  icon: {
    color: '#7df3e1',
    fontSize: 20,
    fontWeight: 800,
  },
});

/** The collapsed sidebar's mark: the portal's initials. */
export const LogoIcon = () => {
  const classes = useStyles();
  return <span className={classes.icon}>DP</span>;
};
