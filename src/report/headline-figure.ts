// Pure: a headline picture as HTML, the first thing a report shows: its SVG and
// the one-line caption (what it shows and the verdict).
export interface Headline {
  /** The element's id: "headline", or "headline-<method>" in a suite's report. */
  id: string;
  svg: string;
  caption: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const HEADLINE_STYLE = 'figure.headline { margin: 0 0 1.5em 0; } figure.headline figcaption { font-size: 95%; max-width: 60em; }';

export function headlineFigure(h: Headline): string {
  return `<figure id="${esc(h.id)}" class="headline">${h.svg}<figcaption>${esc(h.caption)}</figcaption></figure>\n`;
}
