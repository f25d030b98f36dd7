// A resource implemented as a JavaScript class.
class Counter {
  constructor(start) {
    this.n = start;
  }
  increment(by) {
    this.n += by;
  }
  value() {
    return this.n;
  }
  static merge(a, b) {
    return new Counter(a.n + b.n);
  }
}

export const counters = { Counter };
