// One formatter for the renderer: Number.prototype.toLocaleString builds a new ICU formatter on every call (about
// 0.2 ms each in Chromium, against 0.02 ms for a kept Intl.NumberFormat), and the list toolbar formats seven counts
// on every keystroke.
const countFormat = new Intl.NumberFormat();

/** A count with the user's digit grouping ("12,000"). */
export function formatCount(value: number): string {
  return countFormat.format(value);
}
