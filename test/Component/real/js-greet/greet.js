// The weld:greet world in JavaScript.
export function greet(name) {
  return `Hello, ${name}!`;
}

export function countWords(text) {
  return text.split(/\s+/).filter((w) => w.length > 0).length;
}
