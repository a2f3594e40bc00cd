/**
 * Paints highlights without touching the page's DOM: the CSS Custom Highlight API where
 * the browser has it; elsewhere, translucent boxes drawn in the overlay's own shadow root.
 * Either way the page's layout and scripts are left as they were.
 */

/** Background colours by unit, light enough to read dark text through. */
const UNIT_COLOURS = ['#fde68a', '#bbf7d0', '#bfdbfe', '#fbcfe8', '#ddd6fe', '#fed7aa', '#a5f3fc', '#d9f99d'];

/** Grey for passages with no criteria yet (imported annotations waiting to be tagged). */
export const UNTAGGED = UNIT_COLOURS.length;
const COLOURS = [...UNIT_COLOURS, '#e2e8f0'];

/** A colour index for a unit id, stable across pages and sessions. */
export function colourIndex(unitId: string): number {
  let h = 0;
  for (let i = 0; i < unitId.length; i++) h = (h * 31 + unitId.charCodeAt(i)) | 0;
  return Math.abs(h) % UNIT_COLOURS.length;
}

/**
 * An internal verifier's view of a highlight: its sampling state, drawn as a line of its own
 * style (dotted, double, wavy, dashed over and under) so it reads without colour.
 */
export type Mark = 'not-sampled' | 'agreed' | 'referred' | 'changed';
export const MARKS: readonly Mark[] = ['not-sampled', 'agreed', 'referred', 'changed'];
/** The CSS highlight holding the ranges of each state (no words of the card: only the state). */
export const markHighlight = (mark: Mark) => `em-iv-${mark}`;
const MARK_LINES: Record<Mark, string> = {
  'not-sampled': 'underline dotted 2px #475569',
  agreed: 'underline double 2px #15803d',
  referred: 'underline wavy 1.5px #b91c1c',
  changed: 'underline overline dashed 2px #b45309',
};
/** The fallback's boxes: a bottom border of the same kind. */
const MARK_BORDERS: Record<Mark, string> = {
  'not-sampled': '2px dotted #475569',
  agreed: '4px double #15803d',
  referred: '2px dashed #b91c1c',
  changed: '3px solid #b45309',
};

export interface Paintable {
  id: string;
  range: Range;
  colour: number;
  /** Its sampling state, in IV mode. */
  mark?: Mark | null;
}

export interface Painter {
  paint(items: Paintable[], activeId?: string | null): void;
  clear(): void;
  readonly native: boolean;
}

/**
 * Creates the painter for a document; `layer` is where the fallback draws its boxes, and
 * `signal` ends the fallback's resize listener.
 */
export function createPainter(doc: Document, layer: () => HTMLElement, signal?: AbortSignal): Painter {
  const native = typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
  if (native) installHighlightStyles(doc);
  let boxes: Paintable[] = [];
  let active: string | null = null;

  const names = COLOURS.map((_, i) => `evidence-mapper-${i}`);

  function drawBoxes() {
    const host = layer();
    host.replaceChildren();
    for (const item of boxes) {
      for (const r of item.range.getClientRects()) {
        const box = doc.createElement('div');
        box.style.cssText = `position:absolute;left:${r.left + scrollX}px;top:${r.top + scrollY}px;width:${r.width}px;height:${r.height}px;` +
          `background:${COLOURS[item.colour]};opacity:.55;mix-blend-mode:multiply;pointer-events:none;` +
          (item.id === active ? 'outline:2px solid #1e40af;' : '') +
          (item.mark ? `border-bottom:${MARK_BORDERS[item.mark]};` : '');
        host.append(box);
      }
    }
  }
  if (!native) {
    addEventListener('resize', () => boxes.length && drawBoxes(), { signal });
  }

  return {
    native,
    paint(items, activeId = null) {
      active = activeId;
      if (native) {
        const groups = names.map(() => [] as Range[]);
        for (const item of items) groups[item.colour].push(item.range);
        names.forEach((name, i) => {
          if (groups[i].length) CSS.highlights.set(name, new Highlight(...groups[i]));
          else CSS.highlights.delete(name);
        });
        for (const mark of MARKS) {
          const ranges = items.filter((i) => i.mark === mark).map((i) => i.range);
          if (ranges.length) CSS.highlights.set(markHighlight(mark), new Highlight(...ranges));
          else CSS.highlights.delete(markHighlight(mark));
        }
        const focused = items.find((i) => i.id === activeId);
        if (focused) CSS.highlights.set('evidence-mapper-active', new Highlight(focused.range));
        else CSS.highlights.delete('evidence-mapper-active');
      } else {
        boxes = items;
        drawBoxes();
      }
    },
    clear() {
      if (native) {
        for (const name of [...names, ...MARKS.map(markHighlight)]) CSS.highlights.delete(name);
        CSS.highlights.delete('evidence-mapper-active');
      } else {
        boxes = [];
        drawBoxes();
      }
    },
  };
}

function installHighlightStyles(doc: Document) {
  const css = COLOURS.map((c, i) => `::highlight(evidence-mapper-${i}) { background-color: ${c}; color: inherit; }`).join('\n') +
    '\n::highlight(evidence-mapper-active) { text-decoration: underline 2px #1e40af; }\n' +
    MARKS.map((m) => `::highlight(${markHighlight(m)}) { text-decoration: ${MARK_LINES[m]}; }`).join('\n');
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  } catch {
    const style = doc.createElement('style');
    style.textContent = css;
    (doc.head ?? doc.documentElement).append(style);
  }
}

/** The ids of painted ranges under a viewport point (topmost first: the shortest range). */
export function hitTest(items: Paintable[], x: number, y: number): string[] {
  const hits: { id: string; len: number }[] = [];
  for (const item of items) {
    for (const r of item.range.getClientRects()) {
      if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) {
        hits.push({ id: item.id, len: item.range.toString().length });
        break;
      }
    }
  }
  return hits.sort((a, b) => a.len - b.len).map((h) => h.id);
}
