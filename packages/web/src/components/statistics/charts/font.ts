/**
 * The font stack of the app (main.tsx) for chart text drawn on canvas: the Noto families cover
 * Khmer, Lao, Burmese, Thai and Chinese where the system font does not.
 */
export const CHART_FONT_FAMILY = [
  'system-ui',
  '-apple-system',
  '"Segoe UI"',
  'Roboto',
  '"Noto Sans"',
  '"Noto Sans Khmer"',
  '"Noto Sans Lao"',
  '"Noto Sans Myanmar"',
  '"Noto Sans Thai"',
  '"Noto Sans SC"',
  'sans-serif',
].join(', ');
