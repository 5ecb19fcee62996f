// One colour per event type, used by every chart (the same values are CSS variables in style.css).
export const EVENT_COLORS = {
  view: "#4269d0",
  cart: "#efb118",
  purchase: "#3ca951",
  remove_from_cart: "#ff725c",
};

export const EVENT_LABELS = {
  view: "Views",
  cart: "Carts",
  purchase: "Purchases",
  remove_from_cart: "Removals from cart",
};

/** Sessions with a purchase in the purchase colour; the others in the view colour. */
const SEGMENT_COLORS = { purchaser: EVENT_COLORS.purchase, non_purchaser: EVENT_COLORS.view };
export const SEGMENT_LABELS = { purchaser: "Purchaser sessions", non_purchaser: "Non-purchaser sessions" };

export function segmentColorScale() {
  const segments = ["purchaser", "non_purchaser"];
  return { domain: segments, range: segments.map((s) => SEGMENT_COLORS[s]), tickFormat: (s) => SEGMENT_LABELS[s] };
}

/** Where a period's users come from (customers page): arrivals up, departures down. */
export const LIFECYCLE_COLORS = {new: "#6b6ecf", returning: "#97bbf5", resurrecting: "#d6a36a", dormant: "#9498a0"};
export const LIFECYCLE_LABELS = {new: "New", returning: "Returning", resurrecting: "Resurrecting", dormant: "Dormant"};
