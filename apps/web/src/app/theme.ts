import { createTheme } from '@mantine/core';

/**
 * Mantine's defaults: its CSS variables are in its stylesheet, and runtime variables are off
 * (providers.tsx). A colour change here must go into app.css as variables, not into the theme.
 *
 * Every Modal (the re-authentication dialog, confirmations) leaves the page's scroll alone: Mantine's scroll lock
 * writes a <style> element, which the CSP (style-src 'self') refuses. Keyed by name, so the theme imports no Modal.
 */
export const theme = createTheme({ components: { Modal: { defaultProps: { lockScroll: false } } } });
