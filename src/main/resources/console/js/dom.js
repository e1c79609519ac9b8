// Building the page without ever parsing text as HTML: every string becomes a text node, so a
// pool description such as "<script>…" shows as those characters and nothing more.

/**
 * Creates an element. `attrs` holds attributes (class, href, aria-*, data-*, …), plus `on*`
 * functions as event listeners and `text` for the text content; children are nodes or strings.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === 'text') {
      node.textContent = String(value);
    } else if (name.startsWith('on') && typeof value === 'function') {
      node.addEventListener(name.slice(2), value);
    } else if (value === true) {
      node.setAttribute(name, '');
    } else {
      node.setAttribute(name, String(value));
    }
  }
  append(node, children);
  return node;
}

/** Appends children (nodes, strings, arrays of them; null and false are skipped). */
export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replaces the children of `node`. */
export function replace(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

let ids = 0;

/** A fresh id for wiring labels, descriptions and controls together. */
export function uid(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}
