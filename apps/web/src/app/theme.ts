import { createTheme } from '@mantine/core';

/**
 * Mantine's defaults: its CSS variables are in its stylesheet, and runtime variables are off
 * (providers.tsx). A colour change here must go into app.css as variables, not into the theme.
 */
export const theme = createTheme({});
