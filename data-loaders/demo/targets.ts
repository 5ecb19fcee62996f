// What the demo dataset aims at: figures of the real REES46 export (../shared/notes/reference-figures.md,
// October and November 2019) and, where the export publishes none, this project's own choice.
import type { ShapeFigure } from "./generate.ts";

export interface ShapeTarget {
  name: string;
  /** the value aimed at */
  target: number;
  /** where the value comes from */
  source: string;
  /** whether a generated value within 10% of the target counts as realistic */
  checked: boolean;
}

const REAL = "real export";
const OURS = "design choice";

export const DEMO_TARGETS: ShapeTarget[] = [
  { name: "view_share", target: 0.951, source: `${REAL}: Oct 96.1%, Nov 94.2%`, checked: true },
  { name: "cart_share", target: 0.034, source: `${REAL}: Oct 2.2%, Nov 4.5%`, checked: true },
  { name: "purchase_share", target: 0.0155, source: `${REAL}: Oct 1.75%, Nov 1.36%`, checked: true },
  { name: "empty_brand_share", target: 0.144, source: `${REAL}: 14.4%`, checked: true },
  { name: "empty_category_code_share", target: 0.318, source: `${REAL}: 31.8%`, checked: true },
  { name: "price_zero_share", target: 0.0016, source: `${REAL}: 68,673 of 42.4M in Oct`, checked: true },
  { name: "events_per_session", target: 4.6, source: `${REAL}: 4.6`, checked: true },
  { name: "purchase_session_share", target: 0.068, source: `${REAL}: 6.8%`, checked: true },
  { name: "duplicate_row_share", target: 0.0015, source: `${REAL}: 100,519 of 67.5M in Nov`, checked: true },
  { name: "most_copies_of_a_row", target: 78, source: `${REAL}: a cart row up to 78 times`, checked: true },
  { name: "nov17_purchases_vs_median_day", target: 7, source: `${REAL}: about 7 times`, checked: true },
  { name: "purchases_without_cart_share", target: 0.2, source: OURS, checked: true },
  { name: "busiest_to_quietest_hour", target: 2.9, source: OURS, checked: true },
];

export interface ShapeRow {
  figure: string;
  generated: number;
  target: number | string;
  off: string;
  source: string;
}

/** The generated figures next to their targets; figures without a target are listed as they are. */
export function compareShape(shape: ShapeFigure[], targets: ShapeTarget[]): ShapeRow[] {
  return shape.map(({ name, value }) => {
    const target = targets.find((t) => t.name === name);
    const round = (x: number) => (Math.abs(x) >= 100 ? Math.round(x) : Number(x.toPrecision(4)));
    return {
      figure: name,
      generated: round(value),
      target: target ? target.target : "",
      off: target ? `${(((value - target.target) / target.target) * 100).toFixed(1)}%` : "",
      source: target?.source ?? "",
    };
  });
}
