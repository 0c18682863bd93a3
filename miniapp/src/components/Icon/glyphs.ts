// The app's one icon set: line icons on a 24×24 grid, drawn by the same stroke (width, round caps and joins) in one
// colour, so every glyph reads as one family. Each entry is the inside of an <svg>: paths and basic shapes only, no
// <style> and no percentages (WeChat's <image> renders SVG without either).
export const GLYPHS = {
  // 首页 entries
  calendar: '<rect x="3.5" y="5" width="17" height="15.5" rx="2.5"/><path d="M3.5 10h17M8 3v4M16 3v4"/>',
  'calendar-check':
    '<rect x="3.5" y="5" width="17" height="15.5" rx="2.5"/><path d="M3.5 10h17M8 3v4M16 3v4M9 15l2 2 4-4"/>',
  building:
    '<path d="M4 20.5h16M6 20.5V5.5a2 2 0 0 1 2-2h8a2 2 0 0 1 2 2v15M10 20.5v-4h4v4M9.5 8h1M13.5 8h1M9.5 12h1M13.5 12h1"/>',
  message:
    '<path d="M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.5 4v-4A2 2 0 0 1 4 14z"/><path d="M12 12.5s-3-1.7-3-3.6a1.5 1.5 0 0 1 3-.4 1.5 1.5 0 0 1 3 .4c0 1.9-3 3.6-3 3.6z"/>',
  ticket:
    '<path d="M3.5 7.5A1.5 1.5 0 0 1 5 6h14a1.5 1.5 0 0 1 1.5 1.5V10a2 2 0 0 0 0 4v2.5A1.5 1.5 0 0 1 19 18H5a1.5 1.5 0 0 1-1.5-1.5V14a2 2 0 0 0 0-4z"/><path d="M14.5 6v2M14.5 11v2M14.5 16v2"/>',
  clipboard:
    '<rect x="5" y="4.5" width="14" height="16.5" rx="2"/><path d="M9 4.5V3.5h6v2H9zM8.5 10.5h7M8.5 14h7M8.5 17.5h4"/>',
  headset:
    '<path d="M4.5 14v-2a7.5 7.5 0 0 1 15 0v2"/><rect x="3.5" y="13" width="4" height="6" rx="1.5"/><rect x="16.5" y="13" width="4" height="6" rx="1.5"/><path d="M18.5 19a3 3 0 0 1-3 2.5H13"/>',
  pin: '<path d="M12 21s-6.5-5.6-6.5-11a6.5 6.5 0 0 1 13 0c0 5.4-6.5 11-6.5 11z"/><circle cx="12" cy="10" r="2.5"/>',
  // 我的 rows
  store:
    '<path d="M4 9.5V20h16V9.5M3 9.5l2-5.5h14l2 5.5a3 3 0 0 1-6 0 3 3 0 0 1-6 0 3 3 0 0 1-6 0zM10 20v-5h4v5"/>',
  shield:
    '<path d="M12 3l7.5 3v5.5c0 4.6-3.2 8.2-7.5 9.5-4.3-1.3-7.5-4.9-7.5-9.5V6z"/><path d="M8.8 12l2.2 2.2 4.2-4.4"/>',
  clock: '<circle cx="12" cy="12" r="8.5"/><path d="M12 7.5V12l3 2"/>',
  edit: '<path d="M4 20h4.5L19 9.5a2.1 2.1 0 0 0-3-3L5.5 17 4 20z"/><path d="M14.5 8l1.5 1.5"/>',
  chart: '<path d="M4 20.5h16M6.5 17v-5M11 17V7M15.5 17v-7.5M19.5 17V4.5"/>',
  inbox:
    '<path d="M3.5 13.5l2.4-7.4A2 2 0 0 1 7.8 4.7h8.4a2 2 0 0 1 1.9 1.4l2.4 7.4V18a2 2 0 0 1-2 2h-13a2 2 0 0 1-2-2z"/><path d="M3.5 13.5h5l1 2h5l1-2h5"/>',
  settings:
    '<circle cx="12" cy="12" r="3"/><path d="M10.8 2.9h2.4l.6 2.3 1.7.7 2.1-1.2 1.7 1.7-1.2 2.1.7 1.7 2.3.6v2.4l-2.3.6-.7 1.7 1.2 2.1-1.7 1.7-2.1-1.2-1.7.7-.6 2.3h-2.4l-.6-2.3-1.7-.7-2.1 1.2-1.7-1.7 1.2-2.1-.7-1.7-2.3-.6v-2.4l2.3-.6.7-1.7-1.2-2.1 1.7-1.7 2.1 1.2 1.7-.7z"/>',
  bell: '<path d="M6 16.5V11a6 6 0 0 1 12 0v5.5l1.5 1.5h-15zM10 20.5a2 2 0 0 0 4 0"/>',
  // States and people
  user: '<circle cx="12" cy="8" r="4"/><path d="M4.5 20.5a7.5 7.5 0 0 1 15 0"/>',
  lock: '<rect x="5" y="10.5" width="14" height="10" rx="2"/><path d="M8 10.5V8a4 4 0 0 1 8 0v2.5M12 14.5v2.5"/>',
  alert: '<circle cx="12" cy="12" r="8.5"/><path d="M12 7.5v5.5M12 16.5v.01"/>',
  search: '<circle cx="11" cy="11" r="6.5"/><path d="M16 16l4.5 4.5"/>',
  chevron: '<path d="M9.5 5.5L16 12l-6.5 6.5"/>',
} as const;

export type IconName = keyof typeof GLYPHS;

/** The app's red for icons on white and paper; grey for quiet ones; white on the red header. */
export const ICON_COLORS = { red: '#c8161d', grey: '#a6a6a6', white: '#ffffff' } as const;

export type IconColor = keyof typeof ICON_COLORS;
