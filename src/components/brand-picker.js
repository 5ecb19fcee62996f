// Pick several brands by typing: a text box that suggests brand names, and the picked brands as chips.
// The element's value is the array of picked brand names; it fires "input" when that changes.
import {html} from "htl";

export function brandPicker(brands, initial, {max = 10} = {}) {
  const known = new Set(brands);
  let picked = initial.filter((b) => known.has(b));
  const listId = `brands-${Math.random().toString(36).slice(2)}`;
  const options = html`<datalist id=${listId}>${brands.map((b) => html`<option value=${b}>`)}</datalist>`;
  const box = html`<input type="search" list=${listId} placeholder="Type a brand name" aria-label="Add a brand" autocomplete="off" style="width: min(100%, 280px);">`;
  const message = html`<span class="metric-note" aria-live="polite"></span>`;
  const chips = html`<div class="chips"></div>`;
  const root = html`<div><label style="display: block; font-weight: 600; margin-bottom: 0.2rem;">Brands</label>${box} ${options}${message}${chips}</div>`;

  const update = () => {
    chips.replaceChildren(...picked.map((brand) => {
      const remove = html`<button type="button" aria-label=${`Remove ${brand}`} title="Remove">×</button>`;
      remove.onclick = () => set(picked.filter((b) => b !== brand));
      return html`<span class="chip">${brand}${remove}</span>`;
    }));
  };
  const set = (next) => {
    picked = next;
    update();
    root.dispatchEvent(new Event("input", {bubbles: true}));
  };
  const add = () => {
    const name = box.value.trim();
    const match = known.has(name) ? name : brands.find((b) => b.toLowerCase() === name.toLowerCase());
    if (!match) {
      message.textContent = name ? ` No brand with a purchase is called “${name}”.` : "";
      return;
    }
    message.textContent = picked.length >= max ? ` At most ${max} brands at once.` : "";
    box.value = "";
    if (!picked.includes(match) && picked.length < max) set([...picked, match]);
  };
  box.addEventListener("change", add);
  box.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      add();
    }
  });
  Object.defineProperty(root, "value", {get: () => picked, set: (v) => set(v)});
  update();
  return root;
}
