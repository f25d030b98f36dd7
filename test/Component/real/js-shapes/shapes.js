// The weld:js-shapes catalog interface in JavaScript.
const items = [
  { name: "pen", price: 1.5, tags: ["office"] },
  { name: "cup", price: 4.0, tags: ["kitchen", "gift"] },
];

export const catalog = {
  find(name) {
    const item = items.find((i) => i.name === name);
    if (!item) throw { tag: "not-found", val: name };
    return item;
  },
  allItems() {
    return items;
  },
  pick(c, fallback) {
    return [c, fallback ?? 0];
  },
};
